import { Anchor, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { IconBuildingHospital, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { paths } from '../../app/paths';
import { usePageTitle } from '../../app/use-page-title';
import { EmptyCard } from '../../components/empty-card';
import { useNotify } from '../../components/notices';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import classes from '../../components/table.module.css';
import { TableSkeleton } from '../../components/table-skeleton';
import { formatDateTime } from '../../format/date-time';
import { CreateClinicModal } from './create-clinic-modal';
import { type Clinic, useClinics } from './use-clinics';

const HEADING_ID = 'clinics-heading';

export function ClinicsPage() {
  usePageTitle('Clinics');
  const clinics = useClinics();
  const notify = useNotify();
  const [creating, setCreating] = useState(false);
  const [highlightId, setHighlightId] = useState<string | null>(null);
  const createButton = (
    <Button leftSection={<IconPlus size={18} stroke={1.75} aria-hidden />} onClick={() => setCreating(true)}>
      Create clinic
    </Button>
  );

  return (
    <Stack gap="xl">
      <PageHeader
        title="Clinics"
        description="Every clinic on this televisit installation. Open one to manage its users, API keys and audit log."
        actions={clinics.data && clinics.data.length > 0 ? createButton : undefined}
      />
      {clinics.isPending ? (
        <TableSkeleton columns={['Clinic', 'Time zone', 'Created', 'Manage']} label="Loading clinics…" />
      ) : clinics.isError ? (
        <QueryError
          error={clinics.error}
          what="the clinics"
          retrying={clinics.isFetching}
          onRetry={() => void clinics.refetch()}
        />
      ) : clinics.data.length === 0 ? (
        <EmptyCard
          icon={<IconBuildingHospital size={30} stroke={1.75} aria-hidden />}
          title="No clinics yet"
          description="Create the first clinic, then add its clinic admin, who takes it from there."
          action={createButton}
        />
      ) : (
        <section aria-labelledby={HEADING_ID}>
          <Group justify="space-between" align="baseline" mb="sm">
            <Text component="h2" fw={650} fz="lg" id={HEADING_ID}>
              All clinics
            </Text>
            <Text size="sm" c="dimmed">
              {clinics.data.length} {clinics.data.length === 1 ? 'clinic' : 'clinics'}
            </Text>
          </Group>
          <Paper p={0} className={classes.card}>
            <Table.ScrollContainer minWidth={720} type="native">
              <Table
                aria-labelledby={HEADING_ID}
                verticalSpacing="md"
                horizontalSpacing="lg"
                highlightOnHover
              >
                <Table.Thead className={classes.head}>
                  <Table.Tr>
                    <Table.Th scope="col">Clinic</Table.Th>
                    <Table.Th scope="col">Time zone</Table.Th>
                    <Table.Th scope="col">Created</Table.Th>
                    <Table.Th scope="col">Manage</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {clinics.data.map((clinic) => (
                    <ClinicRow key={clinic.id} clinic={clinic} highlighted={clinic.id === highlightId} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        </section>
      )}
      <CreateClinicModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(clinic) => {
          setCreating(false);
          setHighlightId(clinic.id);
          notify(`${clinic.name} was created. Add its clinic admin next.`);
        }}
      />
    </Stack>
  );
}

function ClinicRow({ clinic, highlighted }: { clinic: Clinic; highlighted: boolean }) {
  return (
    <Table.Tr className={classes.row} data-highlight={highlighted || undefined}>
      <Table.Th scope="row">
        <Anchor component={Link} to={paths.clinicUsers(clinic.id)} fw={600} size="sm">
          {clinic.name}
        </Anchor>
      </Table.Th>
      <Table.Td>
        <Text size="sm">{clinic.timezone.replace(/_/g, ' ')}</Text>
      </Table.Td>
      <Table.Td className={classes.nowrap}>
        <time dateTime={clinic.createdAt}>
          <Text size="sm">{formatDateTime(clinic.createdAt)}</Text>
        </time>
      </Table.Td>
      <Table.Td>
        <Group gap="md" wrap="nowrap">
          <Anchor
            component={Link}
            to={paths.clinicUsers(clinic.id)}
            size="sm"
            aria-label={`Users of ${clinic.name}`}
          >
            Users
          </Anchor>
          <Anchor
            component={Link}
            to={paths.clinicApiKeys(clinic.id)}
            size="sm"
            aria-label={`API keys of ${clinic.name}`}
          >
            API keys
          </Anchor>
          <Anchor
            component={Link}
            to={paths.clinicAudit(clinic.id)}
            size="sm"
            aria-label={`Audit log of ${clinic.name}`}
          >
            Audit log
          </Anchor>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
