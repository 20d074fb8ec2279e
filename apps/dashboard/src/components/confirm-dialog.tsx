import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { type ReactNode } from 'react';
import { describeMutationError } from './explain-error';

/**
 * "Are you sure?" for a change that is hard to take back. Focus starts on Cancel, so that Enter
 * does not confirm by accident; the error of a failed attempt stays in the dialog.
 */
export function ConfirmDialog({
  opened,
  title,
  children,
  confirmLabel,
  color = 'red',
  busy,
  error,
  onConfirm,
  onClose,
}: {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  color?: string;
  busy: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered size="md">
      <Stack gap="lg">
        <Text size="sm" component="div">
          {children}
        </Text>
        {error != null && (
          <Alert color="red" variant="light" role="alert">
            {describeMutationError(error)}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} data-autofocus>
            Cancel
          </Button>
          <Button color={color} loading={busy} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
