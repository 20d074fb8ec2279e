import { Divider, Group, Paper, SimpleGrid, Skeleton, Stack, VisuallyHidden } from '@mantine/core';

/** The page's shape while the first answer is on its way. */
export function StatusSkeleton() {
  return (
    <Stack gap="xl" aria-busy="true">
      <VisuallyHidden role="status">Loading system status…</VisuallyHidden>
      <Paper p={{ base: 'lg', sm: 'xl' }} aria-hidden>
        <Group gap="lg" wrap="nowrap">
          <Skeleton height={60} circle />
          <Stack gap={10} flex={1}>
            <Skeleton height={10} width={110} />
            <Skeleton height={26} width={160} />
            <Skeleton height={12} width="60%" />
          </Stack>
        </Group>
        <Divider my="lg" />
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="lg">
          {[0, 1, 2].map((i) => (
            <Stack key={i} gap={8}>
              <Skeleton height={10} width={80} />
              <Skeleton height={16} width={120} />
            </Stack>
          ))}
        </SimpleGrid>
      </Paper>
      <Stack gap="sm" aria-hidden>
        <Skeleton height={16} width={90} />
        <Paper p="lg">
          <Stack gap="lg">
            {[0, 1, 2].map((i) => (
              <Group key={i} gap="lg" wrap="nowrap">
                <Skeleton height={28} width={28} radius="md" />
                <Skeleton height={12} width={140} />
                <Skeleton height={22} width={56} radius="sm" />
                <Skeleton height={12} flex={1} />
              </Group>
            ))}
          </Stack>
        </Paper>
      </Stack>
    </Stack>
  );
}
