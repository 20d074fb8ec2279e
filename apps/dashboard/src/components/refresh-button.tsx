import { Button, type ButtonProps, Loader } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';

interface RefreshButtonProps extends Omit<ButtonProps, 'leftSection' | 'loading' | 'children'> {
  label: string;
  busyLabel: string;
  busy: boolean;
  onClick: () => void;
}

/**
 * A button that asks the API again and shows it is working. Unlike Mantine's `loading`, it stays
 * enabled, so a keyboard user keeps focus on it; a second click while busy is harmless.
 */
export function RefreshButton({ label, busyLabel, busy, onClick, size, ...props }: RefreshButtonProps) {
  const iconSize = size === 'xs' ? 14 : 16;
  return (
    <Button
      size={size}
      {...props}
      leftSection={
        busy ? (
          <Loader size={iconSize} color="currentColor" aria-hidden />
        ) : (
          <IconRefresh size={iconSize} stroke={1.75} aria-hidden />
        )
      }
      aria-busy={busy}
      onClick={onClick}
    >
      {busy ? busyLabel : label}
    </Button>
  );
}
