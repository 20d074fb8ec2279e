import { Notification, Stack } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';
import classes from './notices.module.css';

interface Notice {
  id: number;
  message: string;
}

type Notify = (message: string) => void;

const NoticesContext = createContext<Notify>(() => undefined);

const VISIBLE_MS = 6_000;

/**
 * Short confirmations ("Dr. Ada Lovelace was added") in a polite live region at the bottom of the
 * screen: read out by screen readers, gone after a few seconds, never carrying patient data.
 */
export function NoticesProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const nextId = useRef(1);
  const dismiss = useCallback((id: number) => setNotices((all) => all.filter((n) => n.id !== id)), []);
  const notify = useCallback<Notify>(
    (message) => {
      const id = nextId.current++;
      // The newest replaces the others: a stack of old confirmations would hide the page.
      setNotices([{ id, message }]);
      setTimeout(() => dismiss(id), VISIBLE_MS);
    },
    [dismiss],
  );
  const value = useMemo(() => notify, [notify]);
  return (
    <NoticesContext.Provider value={value}>
      {children}
      <div role="status" aria-live="polite" className={classes.region}>
        <Stack gap="sm">
          {notices.map((notice) => (
            <Notification
              key={notice.id}
              icon={<IconCheck size={18} aria-hidden />}
              color="green"
              withBorder
              closeButtonProps={{ 'aria-label': 'Dismiss' }}
              onClose={() => dismiss(notice.id)}
            >
              {notice.message}
            </Notification>
          ))}
        </Stack>
      </div>
    </NoticesContext.Provider>
  );
}

export function useNotify(): Notify {
  return useContext(NoticesContext);
}
