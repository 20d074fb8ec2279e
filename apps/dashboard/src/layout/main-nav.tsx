import { NavLink, Stack, Text } from '@mantine/core';
import {
  IconActivityHeartbeat,
  IconBook2,
  IconBuildingHospital,
  IconKey,
  IconListDetails,
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

const clinics: NavItem = { label: 'Clinics', to: paths.clinics, icon: IconBuildingHospital };
const users: NavItem = { label: 'Users', to: paths.users, icon: IconUsers };
const apiKeys: NavItem = { label: 'API keys', to: paths.apiKeys, icon: IconKey };
const audit: NavItem = { label: 'Audit log', to: paths.audit, icon: IconListDetails };
const profile: NavItem = { label: 'My profile', to: paths.profile, icon: IconUserCircle };
const status: NavItem = { label: 'System status', to: paths.status, icon: IconActivityHeartbeat };
const operations: NavSection = { title: 'Operations', items: [status] };

/** What each role is offered; the API refuses the rest regardless. */
export const NAV_BY_ROLE: Record<Role, NavSection[]> = {
  platform_admin: [{ title: 'Administration', items: [clinics, audit] }, operations],
  clinic_admin: [{ title: 'Clinic', items: [users, apiKeys, audit] }, operations],
  provider: [{ title: 'Account', items: [profile] }, operations],
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
  // A clinic's own pages (/clinics/:id/users) belong to "Clinics".
  const active = useMatch({ path: item.to, end: item.to !== paths.clinics }) !== null;
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
