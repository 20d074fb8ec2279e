import { Anchor, Breadcrumbs, Text } from '@mantine/core';
import { Link } from 'react-router';

/** "Appointments › …" above a page under the list. */
export function AppointmentsCrumbs({ listPath, current }: { listPath: string; current: string }) {
  return (
    <nav aria-label="Breadcrumb">
      <Breadcrumbs separatorMargin={6} mb="md">
        <Anchor component={Link} to={listPath} size="sm">
          Appointments
        </Anchor>
        <Text size="sm" fw={500} aria-current="page">
          {current}
        </Text>
      </Breadcrumbs>
    </nav>
  );
}
