import { NumberInput, Select, SimpleGrid, TextInput } from '@mantine/core';
import { IconWorld } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { timeZoneOptions } from '../clinics/time-zones';
import { DURATION_MAX, DURATION_MIN, type ScheduleField, type ScheduleValues } from './schedule';

/** Date, start time, duration and time zone; the date and time are read on the clock of the zone. */
export function ScheduleFields({
  values,
  onChange,
  errors,
  autoFocus = false,
}: {
  values: ScheduleValues;
  onChange: (values: ScheduleValues) => void;
  errors: Partial<Record<ScheduleField, string>>;
  autoFocus?: boolean;
}) {
  const [now] = useState(() => new Date());
  const zones = useMemo(() => timeZoneOptions(now), [now]);
  const set = <K extends keyof ScheduleValues>(key: K, value: ScheduleValues[K]) =>
    onChange({ ...values, [key]: value });
  return (
    <>
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md" verticalSpacing="md">
        <TextInput
          label="Date"
          type="date"
          required
          data-autofocus={autoFocus || undefined}
          value={values.date}
          onChange={(event) => set('date', event.currentTarget.value)}
          error={errors.date}
        />
        <TextInput
          label="Start time"
          type="time"
          required
          value={values.time}
          onChange={(event) => set('time', event.currentTarget.value)}
          error={errors.time}
        />
        <NumberInput
          label="Duration (minutes)"
          required
          min={DURATION_MIN}
          max={DURATION_MAX}
          step={5}
          allowDecimal={false}
          allowNegative={false}
          value={values.durationMinutes}
          onChange={(value) => set('durationMinutes', typeof value === 'number' ? value : '')}
          error={errors.durationMinutes}
        />
      </SimpleGrid>
      <Select
        label="Time zone"
        description="The date and time above are on this zone’s clock. Type a city to search."
        required
        searchable
        data={zones}
        value={values.timezone}
        onChange={(value) => set('timezone', value)}
        nothingFoundMessage="No time zone matches"
        leftSection={<IconWorld size={16} stroke={1.75} aria-hidden />}
        maxDropdownHeight={280}
        error={errors.timezone}
        comboboxProps={{ withinPortal: true }}
      />
    </>
  );
}
