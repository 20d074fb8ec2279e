import { Group, Text, Title } from '@mantine/core';
import { type ReactNode } from 'react';

/** The h1 of a page, a sentence saying what it is for, and the page's main actions. */
export function PageHeader({
  title,
  description,
  actions,
  above,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  /** Breadcrumbs or an eyebrow above the title. */
  above?: ReactNode;
}) {
  return (
    <div>
      {above}
      <Group justify="space-between" align="flex-end" gap="md">
        <div>
          <Title order={1}>{title}</Title>
          {description && (
            <Text c="dimmed" mt={6} maw={640}>
              {description}
            </Text>
          )}
        </div>
        {actions && (
          <Group gap="sm" wrap="nowrap">
            {actions}
          </Group>
        )}
      </Group>
    </div>
  );
}
