import { Button, Group, NativeSelect, Paper, SimpleGrid, TextInput } from '@mantine/core';
import { IconFilterOff } from '@tabler/icons-react';
import { type Clinic } from '../clinics/use-clinics';
import { ACTION_LABELS, type AuditAction } from './audit-vocabulary';

/** The filters as the form holds them: calendar days in the viewer's zone, ids as typed. */
export interface AuditFilterValues {
  action: AuditAction | '';
  fromDay: string;
  toDay: string;
  actorId: string;
  clinicId: string;
}

export const NO_FILTERS: AuditFilterValues = {
  action: '',
  fromDay: '',
  toDay: '',
  actorId: '',
  clinicId: '',
};

const ACTION_OPTIONS = [
  { value: '', label: 'All actions' },
  ...Object.entries(ACTION_LABELS).map(([value, label]) => ({ value, label: `${label} (${value})` })),
];

export function AuditFilters({
  values,
  onChange,
  clinics,
  toError,
}: {
  values: AuditFilterValues;
  onChange: (values: AuditFilterValues) => void;
  /** Offered to platform admins on the all-clinics view. */
  clinics?: Clinic[];
  toError?: string;
}) {
  const set = <K extends keyof AuditFilterValues>(key: K, value: AuditFilterValues[K]) =>
    onChange({ ...values, [key]: value });
  const filtered = Object.values(values).some(Boolean);
  return (
    <Paper
      p="md"
      component="form"
      role="search"
      aria-label="Filter the audit log"
      onSubmit={(e) => e.preventDefault()}
    >
      <SimpleGrid cols={{ base: 1, xs: 2, md: clinics ? 5 : 4 }} spacing="md" verticalSpacing="sm">
        <NativeSelect
          label="Action"
          data={ACTION_OPTIONS}
          value={values.action}
          onChange={(event) => set('action', event.currentTarget.value as AuditAction | '')}
        />
        {clinics && (
          <NativeSelect
            label="Clinic"
            data={[
              { value: '', label: 'All clinics' },
              ...clinics.map((clinic) => ({ value: clinic.id, label: clinic.name })),
            ]}
            value={values.clinicId}
            onChange={(event) => set('clinicId', event.currentTarget.value)}
          />
        )}
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
        <TextInput
          label="Actor ID"
          placeholder="User or API key id"
          value={values.actorId}
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => set('actorId', event.currentTarget.value)}
        />
      </SimpleGrid>
      {filtered && (
        <Group justify="flex-end" mt="sm">
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconFilterOff size={15} stroke={1.75} aria-hidden />}
            onClick={() => onChange(NO_FILTERS)}
          >
            Clear filters
          </Button>
        </Group>
      )}
    </Paper>
  );
}
