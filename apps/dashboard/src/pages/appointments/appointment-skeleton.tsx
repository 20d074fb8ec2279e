import { Group, Paper, SimpleGrid, Skeleton, Stack, VisuallyHidden } from '@mantine/core';

/** The meeting card and the facts' shape while the appointment is on its way. */
export function AppointmentSkeleton() {
  return (
    <div aria-busy="true">
      <VisuallyHidden role="status">Loading the appointment…</VisuallyHidden>
      <Stack gap="lg" aria-hidden>
        <Paper p={{ base: 'lg', sm: 'xl' }}>
          <Stack gap="lg">
            <Group justify="space-between">
              <Skeleton height={20} width={160} />
              <Skeleton height={22} width={90} radius="sm" />
            </Group>
            <Skeleton height={12} width="70%" />
            <Skeleton height={36} />
          </Stack>
        </Paper>
        <Paper p={{ base: 'lg', sm: 'xl' }}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
            {[0, 1, 2, 3, 4, 5].map((cell) => (
              <Stack key={cell} gap={8}>
                <Skeleton height={10} width={90} />
                <Skeleton height={14} width={`${50 + ((cell * 17) % 40)}%`} />
              </Stack>
            ))}
          </SimpleGrid>
        </Paper>
      </Stack>
    </div>
  );
}
