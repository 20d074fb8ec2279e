import { Paper, Skeleton, Table, VisuallyHidden } from '@mantine/core';
import classes from './table.module.css';

/** A table's shape while its rows are on their way: the real column headers, grey bars for cells. */
export function TableSkeleton({
  columns,
  rows = 4,
  label,
}: {
  columns: string[];
  rows?: number;
  label: string;
}) {
  return (
    <Paper p={0} className={classes.card} aria-busy="true">
      <VisuallyHidden role="status">{label}</VisuallyHidden>
      <Table verticalSpacing="md" horizontalSpacing="lg" aria-hidden>
        <Table.Thead className={classes.head}>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th key={column}>{column}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {Array.from({ length: rows }, (_, row) => (
            <Table.Tr key={row}>
              {columns.map((column, index) => (
                <Table.Td key={column}>
                  <Skeleton
                    height={12}
                    width={index === 0 ? '70%' : `${45 + ((row * 7 + index * 13) % 40)}%`}
                  />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
