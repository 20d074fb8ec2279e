import { Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconWorld } from '@tabler/icons-react';
import { type FormEvent, useMemo, useState } from 'react';
import { fieldErrors } from '../../api/field-errors';
import { describeMutationError } from '../../components/explain-error';
import { FormErrorAlert } from '../../components/form-error-alert';
import { ModalActions } from '../../components/modal-actions';
import { viewerTimeZone } from '../../format/date-time';
import { timeZoneOptions } from './time-zones';
import { type Clinic, useCreateClinic } from './use-clinics';

const FIELDS = ['name', 'timezone'] as const;
type Field = (typeof FIELDS)[number];

export function CreateClinicModal({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (clinic: Clinic) => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title="Create clinic" size="lg" centered>
      {opened && <CreateClinicForm onCancel={onClose} onCreated={onCreated} />}
    </Modal>
  );
}

function CreateClinicForm({
  onCancel,
  onCreated,
}: {
  onCancel: () => void;
  onCreated: (clinic: Clinic) => void;
}) {
  const create = useCreateClinic();
  const [now] = useState(() => new Date());
  const options = useMemo(() => timeZoneOptions(now), [now]);
  const [name, setName] = useState('');
  const [timezone, setTimezone] = useState<string | null>(() => {
    const zone = viewerTimeZone();
    return options.some((o) => o.value === zone) ? zone : null;
  });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const local: Partial<Record<Field, string>> = {};
    if (!name.trim()) local.name = 'Enter the clinic’s name.';
    if (!timezone) local.timezone = 'Choose the time zone the clinic works in.';
    setErrors(local);
    setFormError(null);
    if (Object.keys(local).length > 0 || !timezone) return;
    create.mutate(
      { name: name.trim(), timezone },
      {
        onSuccess: (clinic) => onCreated(clinic),
        onError: (error) => {
          const { byField, other } = fieldErrors(error, FIELDS);
          setErrors(byField);
          if (Object.keys(byField).length === 0 || other.length > 0) {
            setFormError([describeMutationError(error), ...other].join(' '));
          }
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          A clinic is one tenant: its users, API keys and audit log are kept apart from every other clinic’s.
          Add its first clinic admin from the clinic’s Users page.
        </Text>
        <FormErrorAlert message={formError} />
        <TextInput
          label="Clinic name"
          placeholder="e.g. Riverside Family Practice"
          required
          data-autofocus
          maxLength={200}
          autoComplete="off"
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errors.name}
        />
        <Select
          label="Time zone"
          description="Visit times in reminders and the EHR are read in this zone. Type a city to search."
          required
          searchable
          data={options}
          value={timezone}
          onChange={setTimezone}
          nothingFoundMessage="No time zone matches"
          leftSection={<IconWorld size={16} stroke={1.75} aria-hidden />}
          maxDropdownHeight={280}
          error={errors.timezone}
          comboboxProps={{ withinPortal: true }}
        />
        <ModalActions submitLabel="Create clinic" submitting={create.isPending} onCancel={onCancel} mt="sm" />
      </Stack>
    </form>
  );
}
