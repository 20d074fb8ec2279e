import { Group, Paper, SimpleGrid, Skeleton, Stack, VisuallyHidden } from '@mantine/core';

/** Two cards' shape while the connections are on their way. */
export function ConnectionsSkeleton() {
  return (
    <div aria-busy="true">
      <VisuallyHidden role="status">Loading your connections…</VisuallyHidden>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" aria-hidden>
        {[0, 1].map((card) => (
          <Paper key={card} p={{ base: 'lg', sm: 'xl' }}>
            <Stack gap="lg">
              <Group justify="space-between">
                <Skeleton height={20} width={120} />
                <Skeleton height={22} width={90} radius="sm" />
              </Group>
              <Skeleton height={12} width="80%" />
              <Stack gap={10}>
                <Skeleton height={10} width={90} />
                <Skeleton height={14} width={180} />
              </Stack>
              <Group justify="flex-end">
                <Skeleton height={36} width={130} radius="md" />
              </Group>
            </Stack>
          </Paper>
        ))}
      </SimpleGrid>
    </div>
  );
}
