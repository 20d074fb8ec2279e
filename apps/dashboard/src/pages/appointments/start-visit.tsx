import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { IconExternalLink, IconVideo } from '@tabler/icons-react';
import { useState } from 'react';
import { isApiError } from '../../api/api-error';
import { describeMutationError } from '../../components/explain-error';
import { type Appointment, type FixPage, personToFix, type Viewer } from './meeting-wording';
import { NextStepHint } from './next-step-hint';
import { useHostLink } from './use-appointments';

/** One "Start visit": the click, and what came of it when it was not a new tab. */
export interface StartVisit {
  start: () => void;
  pending: boolean;
  /** Only when the browser refused to open a tab: the link to click instead, until this page is left. */
  blockedUrl: string | null;
  /** Why no link came (the API's own words), until dismissed or clicked again. */
  problem: string | null;
  /** The API's code for it, when it gave one. */
  code: string | undefined;
  dismiss: () => void;
}

/**
 * Starts the visit as its host: the vendor mints a start link on each click (never before, never
 * kept), and it opens in a new tab. The tab is opened at the click, before the link arrives, so that
 * the browser does not take it for an unwanted pop-up; it is closed again if no link comes.
 */
export function useStartVisit(appointmentId: string): StartVisit {
  const hostLink = useHostLink(appointmentId);
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

  return {
    start,
    pending: hostLink.isPending,
    blockedUrl,
    problem: hostLink.isError ? describeMutationError(hostLink.error) : null,
    code: isApiError(hostLink.error) ? hostLink.error.code : undefined,
    dismiss: () => {
      setBlockedUrl(null);
      hostLink.reset();
    },
  };
}

/** The button, among the page's actions. */
export function StartVisitButton({ visit }: { visit: StartVisit }) {
  return (
    <Button
      leftSection={<IconVideo size={18} stroke={1.75} aria-hidden />}
      loading={visit.pending}
      onClick={visit.start}
    >
      Start visit
    </Button>
  );
}

/**
 * What came of the click when it was not a new tab, across the page under its header. A refusal a
 * person must fix (the host's account disconnected, say) is worded like the meeting's own failures,
 * with what to do and where.
 */
export function StartVisitOutcome({
  visit,
  appointment,
  viewer,
  fixPath,
}: {
  visit: StartVisit;
  appointment: Appointment;
  viewer: Viewer;
  fixPath: (page: FixPage) => string;
}) {
  if (visit.problem) {
    const fix = personToFix(visit.code, appointment.videoProvider, viewer);
    return (
      <Alert
        color="red"
        variant="light"
        role="alert"
        title="Couldn’t start the visit"
        withCloseButton
        closeButtonLabel="Dismiss"
        onClose={visit.dismiss}
      >
        {fix ? (
          <Stack gap={6}>
            <Text size="sm">{fix.reason}</Text>
            <NextStepHint step={fix.step} fixPath={fixPath} />
          </Stack>
        ) : (
          visit.problem
        )}
      </Alert>
    );
  }
  if (visit.blockedUrl) {
    return (
      <Alert color="yellow" variant="light" role="status" title="Your browser blocked the new tab">
        <Anchor href={visit.blockedUrl} target="_blank" rel="noopener noreferrer" onClick={visit.dismiss}>
          Open the visit <IconExternalLink size={14} aria-hidden />
        </Anchor>
      </Alert>
    );
  }
  return null;
}
