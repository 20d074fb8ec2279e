import { Modal, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { fieldErrors } from '../../api/field-errors';
import { describeMutationError } from '../../components/explain-error';
import { FormErrorAlert } from '../../components/form-error-alert';
import { ModalActions } from '../../components/modal-actions';
import { type Appointment } from './meeting-wording';
import { readSchedule, type ScheduleField, type ScheduleValues } from './schedule';
import { ScheduleFields } from './schedule-fields';
import { useRescheduleAppointment } from './use-appointments';
import { wallTimeIn } from './zoned-time';

const API_FIELDS = ['startTime', 'durationMinutes', 'timezone'] as const;

export function RescheduleModal({
  appointment,
  opened,
  onClose,
  onMoved,
}: {
  appointment: Appointment;
  opened: boolean;
  onClose: () => void;
  onMoved: (appointment: Appointment) => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title="Reschedule appointment" size="lg" centered>
      {/* Mounted only while open: each opening starts from the appointment as it is now. */}
      {opened && <RescheduleForm appointment={appointment} onCancel={onClose} onMoved={onMoved} />}
    </Modal>
  );
}

function RescheduleForm({
  appointment,
  onCancel,
  onMoved,
}: {
  appointment: Appointment;
  onCancel: () => void;
  onMoved: (appointment: Appointment) => void;
}) {
  const reschedule = useRescheduleAppointment(appointment.id);
  const [values, setValues] = useState<ScheduleValues>(() => ({
    ...wallTimeIn(appointment.startTime, appointment.timezone),
    durationMinutes: appointment.durationMinutes,
    timezone: appointment.timezone,
  }));
  const [errors, setErrors] = useState<Partial<Record<ScheduleField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const when = readSchedule(values);
    setFormError(null);
    if (!when.ok) {
      setErrors(when.errors);
      return;
    }
    setErrors({});
    reschedule.mutate(
      { startTime: when.startTime, durationMinutes: when.durationMinutes, timezone: when.timezone },
      {
        onSuccess: onMoved,
        onError: (error) => {
          const { byField, other } = fieldErrors(error, API_FIELDS);
          const { startTime, ...rest } = byField;
          const mapped = { ...rest, ...(startTime ? { time: startTime } : {}) };
          setErrors(mapped);
          if (Object.keys(mapped).length === 0 || other.length > 0) {
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
          The same meeting is moved, and the patient’s link stays the same: there is nothing new to send.
        </Text>
        <FormErrorAlert message={formError} />
        <ScheduleFields values={values} onChange={setValues} errors={errors} autoFocus />
        <ModalActions
          submitLabel="Move appointment"
          submitting={reschedule.isPending}
          onCancel={onCancel}
          mt="sm"
        />
      </Stack>
    </form>
  );
}
