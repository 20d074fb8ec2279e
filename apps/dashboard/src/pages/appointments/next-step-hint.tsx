import { Button, Text } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { FixPage, NextStep } from './meeting-wording';

/** What the viewer can do about a meeting's trouble, with the page that fixes it when they may open it. */
export function NextStepHint({ step, fixPath }: { step: NextStep; fixPath: (page: FixPage) => string }) {
  return (
    <>
      <Text size="sm" fw={500}>
        {step.text}
      </Text>
      {step.page && (
        <Button
          component={Link}
          to={fixPath(step.page)}
          variant="default"
          size="xs"
          mt={4}
          w="fit-content"
          rightSection={<IconArrowRight size={14} aria-hidden />}
        >
          {step.linkLabel}
        </Button>
      )}
    </>
  );
}
