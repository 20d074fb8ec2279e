import { Button, Group, NativeSelect, Paper, SimpleGrid, TextInput } from '@mantine/core';
import { IconFilterOff } from '@tabler/icons-react';
import { type User } from '../../auth/session-state';
import { type AppointmentStatus, STATUS_LABELS } from './meeting-wording';

/** The filters as the form holds them: calendar days in the viewer's zone, ids as chosen. */
export interface AppointmentFilterValues {
  providerId: string;
  status: AppointmentStatus | '';
  fromDay: string;
  toDay: string;
}

export const NO_FILTERS: AppointmentFilterValues = { providerId: '', status: '', fromDay: '', toDay: '' };

/** Whether `values` narrow the list beyond the page's own default view. */
export function differsFrom(values: AppointmentFilterValues, defaults: AppointmentFilterValues): boolean {
  return (Object.keys(values) as Array<keyof AppointmentFilterValues>).some(
    (key) => values[key] !== defaults[key],
  );
}

const STATUS_OPTIONS = [
  { value: '', label: 'Any status' },
  ...Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label })),
];

export function AppointmentFilters({
  values,
  defaults,
  onChange,
  providers,
  toError,
}: {
  values: AppointmentFilterValues;
  /** The page's default view, which Clear filters returns to. */
  defaults: AppointmentFilterValues;
  onChange: (values: AppointmentFilterValues) => void;
  /** Offered to admins; a provider sees only their own visits anyway. */
  providers?: User[];
  toError?: string;
}) {
  const set = <K extends keyof AppointmentFilterValues>(key: K, value: AppointmentFilterValues[K]) =>
    onChange({ ...values, [key]: value });
  const filtered = differsFrom(values, defaults);
  return (
    <Paper
      p="md"
      component="form"
      role="search"
      aria-label="Filter appointments"
      onSubmit={(e) => e.preventDefault()}
    >
      <SimpleGrid cols={{ base: 1, xs: 2, md: providers ? 4 : 3 }} spacing="md" verticalSpacing="sm">
        {providers && (
          <NativeSelect
            label="Provider"
            data={[
              { value: '', label: 'All providers' },
              ...providers.map((provider) => ({ value: provider.id, label: provider.name })),
            ]}
            value={values.providerId}
            onChange={(event) => set('providerId', event.currentTarget.value)}
          />
        )}
        <NativeSelect
          label="Status"
          data={STATUS_OPTIONS}
          value={values.status}
          onChange={(event) => set('status', event.currentTarget.value as AppointmentStatus | '')}
        />
        <TextInput
          label="From"
          type="date"
          value={values.fromDay}
          max={values.toDay || undefined}
          onChange={(event) => set('fromDay', event.currentTarget.value)}
        />
        <TextInput
          label="To"
          type="date"
          value={values.toDay}
          min={values.fromDay || undefined}
          onChange={(event) => set('toDay', event.currentTarget.value)}
          error={toError}
        />
      </SimpleGrid>
      {filtered && (
        <Group justify="flex-end" mt="sm">
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconFilterOff size={15} stroke={1.75} aria-hidden />}
            onClick={() => onChange(defaults)}
          >
            Clear filters
          </Button>
        </Group>
      )}
    </Paper>
  );
}
