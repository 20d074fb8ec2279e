import { Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** One label/value pair of a definition list (`<dl>`); `prominent` for headline figures. */
export function Fact({
  label,
  prominent = false,
  children,
}: {
  label: string;
  prominent?: boolean;
  children: ReactNode;
}) {
  return (
    <div>
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0} mt={2} fw={prominent ? 600 : 500} {...(prominent ? { fz: 'lg' } : {})}>
        {children}
      </Text>
    </div>
  );
}
