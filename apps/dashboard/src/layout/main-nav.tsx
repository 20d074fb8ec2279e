import { NavLink, Stack, Text } from '@mantine/core';
import {
  IconActivityHeartbeat,
  IconBook2,
  IconBrandZoom,
  IconBuildingHospital,
  IconCalendarEvent,
  IconKey,
  IconListDetails,
  IconPlugConnected,
  IconSettings,
  IconUserCircle,
  IconUsers,
} from '@tabler/icons-react';
import { Link, useMatch } from 'react-router';
import { apiReferenceUrl, paths } from '../app/paths';
import { type Role } from '../auth/session-state';
import { useCurrentUser } from '../auth/use-session';

interface NavItem {
  label: string;
  to: string;
  icon: typeof IconUsers;
}

interface NavSection {
  title: string;
  items: NavItem[];
}

const appointments: NavItem = { label: 'Appointments', to: paths.appointments, icon: IconCalendarEvent };
const visits: NavSection = { title: 'Visits', items: [appointments] };
const clinics: NavItem = { label: 'Clinics', to: paths.clinics, icon: IconBuildingHospital };
const users: NavItem = { label: 'Users', to: paths.users, icon: IconUsers };
const apiKeys: NavItem = { label: 'API keys', to: paths.apiKeys, icon: IconKey };
const zoomAccount: NavItem = { label: 'Zoom account', to: paths.zoomAccount, icon: IconBrandZoom };
const audit: NavItem = { label: 'Audit log', to: paths.audit, icon: IconListDetails };
const settings: NavItem = { label: 'Settings', to: paths.settings, icon: IconSettings };
const profile: NavItem = { label: 'My profile', to: paths.profile, icon: IconUserCircle };
const connections: NavItem = { label: 'Connections', to: paths.connections, icon: IconPlugConnected };
const status: NavItem = { label: 'System status', to: paths.status, icon: IconActivityHeartbeat };
const operations: NavSection = { title: 'Operations', items: [status] };

/** Items that stay highlighted on the pages below them. */
const SECTION_ROOTS = new Set<string>([paths.clinics, paths.appointments]);

/** What each role is offered; the API refuses the rest regardless. */
export const NAV_BY_ROLE: Record<Role, NavSection[]> = {
  platform_admin: [{ title: 'Administration', items: [clinics, audit] }, operations],
  clinic_admin: [
    visits,
    { title: 'Clinic', items: [users, apiKeys, zoomAccount, settings, audit] },
    operations,
  ],
  provider: [visits, { title: 'Account', items: [profile, connections] }, operations],
};

export function MainNav({ onNavigate }: { onNavigate: () => void }) {
  const { role } = useCurrentUser();
  return (
    <Stack gap="lg">
      {NAV_BY_ROLE[role].map((section) => (
        <Stack gap={4} key={section.title}>
          <Text component="p" size="xs" fw={600} tt="uppercase" c="dimmed" px="sm" lts={0.6} mb={4}>
            {section.title}
          </Text>
          {section.items.map((item) => (
            <MainNavLink key={item.to} item={item} onNavigate={onNavigate} />
          ))}
        </Stack>
      ))}
    </Stack>
  );
}

function MainNavLink({ item, onNavigate }: { item: NavItem; onNavigate: () => void }) {
  // A clinic's own pages (/clinics/:id/users) belong to "Clinics", an appointment to "Appointments".
  const active = useMatch({ path: item.to, end: !SECTION_ROOTS.has(item.to) }) !== null;
  const Icon = item.icon;
  return (
    <NavLink
      component={Link}
      to={item.to}
      label={item.label}
      leftSection={<Icon size={18} stroke={1.75} aria-hidden />}
      active={active}
      aria-current={active ? 'page' : undefined}
      variant="light"
      onClick={onNavigate}
    />
  );
}

/** The API's own documentation page (Swagger UI), served outside the dashboard. */
export function ApiReferenceLink() {
  return (
    <NavLink
      href={apiReferenceUrl}
      label="API reference"
      description="OpenAPI for EHR integrations"
      leftSection={<IconBook2 size={18} stroke={1.75} aria-hidden />}
    />
  );
}
