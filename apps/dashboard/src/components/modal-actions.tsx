import { Button, Group, type MantineSpacing } from '@mantine/core';

/** A modal form's footer: Cancel, then the submit button, which spins while the request runs. */
export function ModalActions({
  submitLabel,
  submitting,
  onCancel,
  mt,
}: {
  submitLabel: string;
  submitting: boolean;
  onCancel: () => void;
  mt?: MantineSpacing;
}) {
  return (
    <Group justify="flex-end" gap="sm" mt={mt}>
      <Button variant="default" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" loading={submitting}>
        {submitLabel}
      </Button>
    </Group>
  );
}
