import { Button, Group, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useClipboard } from '@mantine/hooks';
import { IconCheck, IconCopy } from '@tabler/icons-react';

/**
 * The patient's link, shown so it can be selected by hand, with a button that copies it and says so
 * ("Copied", with a tick, for two seconds; read out by screen readers too).
 */
export function PatientLink({ url, disabled }: { url: string; disabled: boolean }) {
  const clipboard = useClipboard({ timeout: 2_000 });
  return (
    <div>
      <Group gap="sm" align="flex-end" wrap="nowrap">
        <TextInput
          label="Patient link"
          description="The patient joins with it, from 15 minutes before the start until 30 minutes after the end."
          readOnly
          value={url}
          flex={1}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          onFocus={(event) => event.currentTarget.select()}
        />
        <Button
          variant={clipboard.copied ? 'light' : 'default'}
          color={clipboard.copied ? 'green' : undefined}
          disabled={disabled}
          leftSection={
            clipboard.copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />
          }
          onClick={() => clipboard.copy(url)}
          miw={190}
        >
          {clipboard.copied ? 'Copied' : 'Copy patient link'}
        </Button>
      </Group>
      <VisuallyHidden role="status">{clipboard.copied ? 'The patient link was copied.' : ''}</VisuallyHidden>
      {clipboard.error && (
        <Text size="sm" c="red.8" mt={6} role="alert">
          Couldn’t copy the link. Select it above and copy it yourself.
        </Text>
      )}
    </div>
  );
}
