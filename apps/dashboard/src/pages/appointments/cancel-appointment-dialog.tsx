import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { describeMutationError } from '../../components/explain-error';
import { VIDEO_PROVIDER_NAMES, type VideoProviderKey } from './meeting-wording';

/**
 * "Cancel this appointment?" Its own dialog rather than the shared one, whose dismiss button says
 * "Cancel": beside "Cancel appointment" that would be ambiguous. Focus starts on "Keep appointment".
 */
export function CancelAppointmentDialog({
  opened,
  videoProvider,
  busy,
  error,
  onConfirm,
  onClose,
}: {
  opened: boolean;
  videoProvider: VideoProviderKey;
  busy: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title="Cancel this appointment?" centered size="md">
      <Stack gap="lg">
        <Text size="sm">
          The {VIDEO_PROVIDER_NAMES[videoProvider]} meeting is deleted and the patient’s link stops working. A
          cancelled appointment can’t be booked again; book a new one instead.
        </Text>
        {error != null && (
          <Alert color="red" variant="light" role="alert">
            {describeMutationError(error)}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} data-autofocus>
            Keep appointment
          </Button>
          <Button color="red" loading={busy} onClick={onConfirm}>
            Cancel appointment
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
