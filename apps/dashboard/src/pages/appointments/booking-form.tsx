import { Button, Fieldset, Group, NativeSelect, Radio, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useRef, useState } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../../api/api-error';
import { fieldErrors } from '../../api/field-errors';
import { type User } from '../../auth/session-state';
import { describeMutationError } from '../../components/explain-error';
import { FormErrorAlert } from '../../components/form-error-alert';
import { viewerTimeZone } from '../../format/date-time';
import { type Appointment, VIDEO_PROVIDER_NAMES, type VideoProviderKey } from './meeting-wording';
import { DEFAULT_DURATION, readSchedule, type ScheduleValues } from './schedule';
import { ScheduleFields } from './schedule-fields';
import { type NewAppointment, useCreateAppointment } from './use-appointments';

/** The API's paths of the fields the form shows (errors[] of a 400 or 422 land on these). */
const API_FIELDS = [
  'providerId',
  'startTime',
  'durationMinutes',
  'timezone',
  'videoProvider',
  'title',
  'patient.displayName',
  'patient.email',
  'externalId',
] as const;
type ApiField = (typeof API_FIELDS)[number];
type Field = Exclude<ApiField, 'startTime'> | 'date' | 'time';
type Errors = Partial<Record<Field, string>>;

const VIDEO_OPTIONS: Array<{ value: VideoProviderKey; description: string }> = [
  { value: 'zoom', description: 'On the provider’s own Zoom account, or the clinic’s.' },
  { value: 'google_meet', description: 'On the provider’s Google calendar, if this server offers it.' },
];

/**
 * Books one visit. Each submission carries an Idempotency-Key; submitting the same values again (a
 * retry after an error, or a second click) reuses it, so the API books once and answers alike.
 */
export function BookingForm({
  providers,
  me,
  choosesProvider,
  clinicTimeZone,
  cancelPath,
  onBooked,
}: {
  providers: User[];
  me: User;
  choosesProvider: boolean;
  /** The zone the clinic works in; the viewer's own when unknown. */
  clinicTimeZone: string | undefined;
  cancelPath: string;
  onBooked: (appointment: Appointment) => void;
}) {
  const create = useCreateAppointment();
  const [providerId, setProviderId] = useState(choosesProvider ? '' : me.id);
  const [schedule, setSchedule] = useState<Omit<ScheduleValues, 'timezone'>>({
    date: '',
    time: '',
    durationMinutes: DEFAULT_DURATION,
  });
  // Untouched (undefined) follows the clinic's zone as soon as it is known.
  const [zone, setZone] = useState<string | null | undefined>(undefined);
  const [videoProvider, setVideoProvider] = useState<VideoProviderKey>('zoom');
  const [title, setTitle] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [externalId, setExternalId] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const attempt = useRef<{ key: string; body: string } | null>(null);
  const timezone = zone === undefined ? (clinicTimeZone ?? viewerTimeZone()) : zone;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (create.isPending) return;
    const local: Errors = {};
    if (!providerId) local.providerId = 'Choose the provider who hosts the visit.';
    const when = readSchedule({ ...schedule, timezone });
    if (!when.ok) Object.assign(local, when.errors);
    if (!displayName.trim()) local['patient.displayName'] = 'Enter the name the patient is greeted by.';
    if (email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) {
      local['patient.email'] = 'Enter an email address such as name@example.com, or leave it empty.';
    }
    setErrors(local);
    setFormError(null);
    if (Object.keys(local).length > 0 || !when.ok) return;

    const body: NewAppointment = {
      providerId,
      startTime: when.startTime,
      durationMinutes: when.durationMinutes,
      timezone: when.timezone,
      videoProvider,
      patient: { displayName: displayName.trim(), ...(email.trim() ? { email: email.trim() } : {}) },
      ...(title.trim() ? { title: title.trim() } : {}),
      ...(externalId.trim() ? { externalId: externalId.trim() } : {}),
    };
    const json = JSON.stringify(body);
    if (attempt.current?.body !== json) attempt.current = { key: crypto.randomUUID(), body: json };
    create.mutate(
      { body, idempotencyKey: attempt.current.key },
      {
        onSuccess: onBooked,
        onError: (error) => {
          const fromApi = apiErrors(error);
          setErrors(fromApi.byField);
          setFormError(fromApi.other);
        },
      },
    );
  };

  const providerName = providers.find((p) => p.id === providerId)?.name;

  return (
    <form onSubmit={submit} noValidate aria-label="Book an appointment">
      <Stack gap="xl">
        <FormErrorAlert message={formError} />
        <Fieldset legend="Visit" variant="unstyled">
          <Stack gap="md">
            {choosesProvider ? (
              <NativeSelect
                label="Provider"
                description="Who hosts the visit; the meeting is created on their video account."
                required
                data={[
                  { value: '', label: 'Choose a provider', disabled: true },
                  ...providers.map((p) => ({ value: p.id, label: p.name })),
                ]}
                value={providerId}
                onChange={(event) => setProviderId(event.currentTarget.value)}
                error={errors.providerId}
              />
            ) : (
              <Text size="sm">
                You host this visit, {me.name}. The meeting is created on your video account.
              </Text>
            )}
            <ScheduleFields
              values={{ ...schedule, timezone }}
              onChange={({ timezone: nextZone, ...rest }) => {
                setSchedule(rest);
                if (nextZone !== timezone) setZone(nextZone);
              }}
              errors={{
                date: errors.date,
                time: errors.time,
                durationMinutes: errors.durationMinutes,
                timezone: errors.timezone,
              }}
            />
            <Radio.Group
              label="Video service"
              required
              value={videoProvider}
              onChange={(value) => setVideoProvider(value)}
              error={errors.videoProvider}
            >
              <Group gap="xl" mt="xs" align="flex-start">
                {VIDEO_OPTIONS.map((option) => (
                  <Radio
                    key={option.value}
                    value={option.value}
                    label={VIDEO_PROVIDER_NAMES[option.value]}
                    description={option.description}
                    maw={280}
                  />
                ))}
              </Group>
            </Radio.Group>
            <TextInput
              label="Meeting title"
              description="Shown in the video service and its invitations: never the patient’s name. “Video visit” when empty."
              maxLength={200}
              autoComplete="off"
              value={title}
              onChange={(event) => setTitle(event.currentTarget.value)}
              error={errors.title}
            />
          </Stack>
        </Fieldset>

        <Fieldset legend="Patient" variant="unstyled">
          <Stack gap="md">
            <TextInput
              label="Patient’s display name"
              description="How the patient appears in televisit’s lists, for the clinic’s staff."
              required
              maxLength={200}
              autoComplete="off"
              value={displayName}
              onChange={(event) => setDisplayName(event.currentTarget.value)}
              error={errors['patient.displayName']}
            />
            <TextInput
              label="Patient’s email"
              type="email"
              maxLength={254}
              autoComplete="off"
              spellCheck={false}
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
              error={errors['patient.email']}
            />
            <TextInput
              label="External id"
              description="The EHR’s id of this visit, if you want to find it by that id later."
              maxLength={128}
              autoComplete="off"
              spellCheck={false}
              value={externalId}
              onChange={(event) => setExternalId(event.currentTarget.value)}
              error={errors.externalId}
            />
          </Stack>
        </Fieldset>

        <Group justify="flex-end" gap="sm">
          <Button variant="default" component={Link} to={cancelPath}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending} disabled={create.isPending}>
            {providerName && choosesProvider ? `Book for ${providerName}` : 'Book appointment'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The API's refusal on the fields it concerns; what belongs to none goes above the form. */
function apiErrors(error: unknown): { byField: Errors; other: string | null } {
  if (isApiError(error) && error.code === 'video_provider_unavailable') {
    return { byField: { videoProvider: describeMutationError(error) }, other: null };
  }
  if (isApiError(error, 409) && error.code === 'external_id_taken') {
    return { byField: { externalId: 'Another appointment already has this external id.' }, other: null };
  }
  const { byField, other } = fieldErrors(error, API_FIELDS);
  const { startTime, ...rest } = byField;
  const mapped: Errors = { ...rest, ...(startTime ? { time: startTime } : {}) };
  const unplaced = Object.keys(mapped).length === 0 || other.length > 0;
  return { byField: mapped, other: unplaced ? [describeMutationError(error), ...other].join(' ') : null };
}
