import { Text } from '@mantine/core';
import { formatDate, formatTime } from '../format/date-time';

/** An instant on two lines, date over time with its zone: "23 Nov 2026" / "21:19:55 CET". */
export function TimeStack({ value }: { value: string }) {
  return (
    <time dateTime={value}>
      <Text size="sm" component="span" display="block">
        {formatDate(value)}
      </Text>
      <Text size="sm" c="dimmed" component="span" display="block">
        {formatTime(value)}
      </Text>
    </time>
  );
}
