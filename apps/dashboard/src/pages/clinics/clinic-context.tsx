import { Anchor, Breadcrumbs, Button, Group, Skeleton, Text } from '@mantine/core';
import {
  IconBrandZoom,
  IconCalendarEvent,
  IconKey,
  IconListDetails,
  IconSettings,
  IconUsers,
} from '@tabler/icons-react';
import { Link, useMatch } from 'react-router';
import { paths, patterns } from '../../app/paths';
import { useClinic } from './use-clinics';

/**
 * Above a platform admin's view of one clinic: where they are (Clinics › name) and the clinic's
 * other pages. Clinic admins see their own clinic without it.
 */
export function ClinicContext({ clinicId }: { clinicId: string }) {
  const clinic = useClinic(clinicId);
  return (
    <Group justify="space-between" align="center" gap="sm" mb="md">
      <nav aria-label="Breadcrumb">
        <Breadcrumbs separatorMargin={6}>
          <Anchor component={Link} to={paths.clinics} size="sm">
            Clinics
          </Anchor>
          {clinic.data ? (
            <Text size="sm" fw={500} aria-current="location">
              {clinic.data.name}
            </Text>
          ) : (
            <Skeleton height={10} width={120} aria-hidden />
          )}
        </Breadcrumbs>
      </nav>
      <Group gap={4} component="nav" aria-label="Clinic sections">
        <SectionLink
          to={paths.clinicAppointments(clinicId)}
          pattern={patterns.clinicAppointments}
          icon={IconCalendarEvent}
        >
          Appointments
        </SectionLink>
        <SectionLink to={paths.clinicUsers(clinicId)} pattern={patterns.clinicUsers} icon={IconUsers}>
          Users
        </SectionLink>
        <SectionLink to={paths.clinicApiKeys(clinicId)} pattern={patterns.clinicApiKeys} icon={IconKey}>
          API keys
        </SectionLink>
        <SectionLink
          to={paths.clinicZoomAccount(clinicId)}
          pattern={patterns.clinicZoomAccount}
          icon={IconBrandZoom}
        >
          Zoom account
        </SectionLink>
        <SectionLink
          to={paths.clinicSettings(clinicId)}
          pattern={patterns.clinicSettings}
          icon={IconSettings}
        >
          Settings
        </SectionLink>
        <SectionLink to={paths.clinicAudit(clinicId)} pattern={patterns.clinicAudit} icon={IconListDetails}>
          Audit log
        </SectionLink>
      </Group>
    </Group>
  );
}

function SectionLink({
  to,
  pattern,
  icon: Icon,
  children,
}: {
  to: string;
  pattern: string;
  icon: typeof IconUsers;
  children: string;
}) {
  const active = useMatch(pattern) !== null;
  return (
    <Button
      component={Link}
      to={to}
      size="compact-sm"
      variant={active ? 'light' : 'subtle'}
      color={active ? 'clinic' : 'gray'}
      leftSection={<Icon size={15} stroke={1.75} aria-hidden />}
      aria-current={active ? 'page' : undefined}
    >
      {children}
    </Button>
  );
}
