import { Button, Group, Text } from '@mantine/core';
import tableClasses from './table.module.css';

/** What a keyset-paginated list query offers its footer (TanStack Query's infinite query). */
export interface MorePages {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage(): Promise<unknown>;
}

/**
 * A table's footer for a list loaded page by page: how many rows are shown (announced politely) and a
 * Load more button while the API has further pages.
 */
export function LoadMoreFooter({
  shown,
  noun,
  pages,
}: {
  shown: number;
  /** Singular and plural, e.g. `['event', 'events']`. */
  noun: readonly [string, string];
  pages: MorePages;
}) {
  return (
    <Group justify="space-between" px="md" py="sm" className={tableClasses.footer}>
      <Text size="sm" c="dimmed" aria-live="polite">
        Showing {shown} {shown === 1 ? noun[0] : noun[1]}
        {pages.hasNextPage ? '' : ' — that’s all of them'}
      </Text>
      {pages.hasNextPage && (
        <Button
          variant="default"
          size="sm"
          loading={pages.isFetchingNextPage}
          onClick={() => void pages.fetchNextPage()}
        >
          Load more
        </Button>
      )}
    </Group>
  );
}
