import { Group, Paper, SimpleGrid, Skeleton, Stack, VisuallyHidden } from '@mantine/core';

/** The account card's shape while the clinic's Zoom account is on its way. */
export function ZoomAccountSkeleton() {
  return (
    <div aria-busy="true">
      <VisuallyHidden role="status">Loading the Zoom account…</VisuallyHidden>
      <Paper p={{ base: 'lg', sm: 'xl' }} aria-hidden>
        <Stack gap="lg">
          <Group justify="space-between">
            <Skeleton height={20} width={200} />
            <Skeleton height={22} width={90} radius="sm" />
          </Group>
          <Skeleton height={12} width="60%" />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
            {[0, 1, 2, 3].map((fact) => (
              <Stack key={fact} gap={8}>
                <Skeleton height={10} width={90} />
                <Skeleton height={14} width={180} />
              </Stack>
            ))}
          </SimpleGrid>
          <Group justify="flex-end">
            <Skeleton height={36} width={110} radius="md" />
            <Skeleton height={36} width={170} radius="md" />
          </Group>
        </Stack>
      </Paper>
    </div>
  );
}
