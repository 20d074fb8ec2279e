import { Alert, Anchor, Button, Stack } from '@mantine/core';
import { IconExternalLink, IconVideo } from '@tabler/icons-react';
import { useState } from 'react';
import { describeMutationError } from '../../components/explain-error';
import { useHostLink } from './use-appointments';

/**
 * Starts the visit as its host: the vendor mints a start link on each click (never before, never
 * kept), and it opens in a new tab. The tab is opened at the click, before the link arrives, so that
 * the browser does not take it for an unwanted pop-up; it is closed again if no link comes.
 */
export function StartVisitButton({ appointmentId }: { appointmentId: string }) {
  const hostLink = useHostLink(appointmentId);
  // Only when the browser refused to open a tab: the link to click instead, until this page is left.
  const [blockedUrl, setBlockedUrl] = useState<string | null>(null);

  const start = () => {
    setBlockedUrl(null);
    const tab = window.open('', '_blank');
    if (tab) tab.opener = null;
    hostLink.mutate(undefined, {
      onSuccess: ({ url }) => {
        if (tab && !tab.closed) tab.location.href = url;
        else setBlockedUrl(url);
        hostLink.reset();
      },
      onError: () => tab?.close(),
    });
  };

  return (
    <Stack gap="xs" align="flex-end">
      <Button
        leftSection={<IconVideo size={18} stroke={1.75} aria-hidden />}
        loading={hostLink.isPending}
        onClick={start}
      >
        Start visit
      </Button>
      {blockedUrl && (
        <Anchor
          href={blockedUrl}
          target="_blank"
          rel="noopener noreferrer"
          size="sm"
          onClick={() => setBlockedUrl(null)}
        >
          Your browser blocked the new tab. Open the visit <IconExternalLink size={14} aria-hidden />
        </Anchor>
      )}
      {hostLink.isError && (
        <Alert color="red" variant="light" role="alert" title="Couldn’t start the visit" maw={420}>
          {describeMutationError(hostLink.error)}
        </Alert>
      )}
    </Stack>
  );
}
