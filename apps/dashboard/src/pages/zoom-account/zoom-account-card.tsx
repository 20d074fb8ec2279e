import { Button, Divider, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconLock, IconRefresh, IconTrash } from '@tabler/icons-react';
import { Fact } from '../../components/fact';
import { StatusBadge } from '../../components/status-badge';
import classes from '../../components/table.module.css';
import { formatDateTime } from '../../format/date-time';
import { CredentialsForm } from './credentials-form';
import { type ZoomAccount } from './use-zoom-account';

const HEADING_ID = 'zoom-app-heading';

/** The stored app: which account and client, that the secret is kept but never shown, and since when. */
export function ZoomAccountCard({
  clinicId,
  account,
  replacing,
  busy,
  onReplace,
  onCancelReplace,
  onSaved,
  onRemove,
}: {
  clinicId: string;
  account: ZoomAccount;
  replacing: boolean;
  /** Another request of the page (removing) is running. */
  busy: boolean;
  onReplace: () => void;
  onCancelReplace: () => void;
  onSaved: (account: ZoomAccount) => void;
  onRemove: () => void;
}) {
  return (
    <Paper p={{ base: 'lg', sm: 'xl' }} component="section" aria-labelledby={HEADING_ID}>
      <Stack gap="md">
        <Group justify="space-between" align="center" wrap="nowrap">
          <Title order={2} id={HEADING_ID}>
            Server-to-Server app
          </Title>
          <StatusBadge active={account.lastError === null} inactiveLabel="Credentials refused" />
        </Group>
        <Text size="sm" c="dimmed">
          televisit creates this clinic’s Zoom meetings with this app, in the clinic’s Zoom account.
        </Text>
        <SimpleGrid component="dl" cols={{ base: 1, xs: 2 }} spacing="md" my={0}>
          <Fact label="Account ID">
            <span className={classes.mono}>{account.accountId}</span>
          </Fact>
          <Fact label="Client ID">
            <span className={classes.mono}>{account.clientId}</span>
          </Fact>
          <Fact label="Client secret">
            <Group component="span" gap={6} wrap="nowrap">
              <IconLock size={15} aria-hidden />
              Stored encrypted, never shown
            </Group>
          </Fact>
          <Fact label="Last updated">
            <time dateTime={account.updatedAt}>{formatDateTime(account.updatedAt)}</time>
          </Fact>
        </SimpleGrid>

        {replacing ? (
          <>
            <Divider />
            <Title order={3} size="h4">
              Replace credentials
            </Title>
            <CredentialsForm
              clinicId={clinicId}
              initial={account}
              submitLabel="Save new credentials"
              focusOnOpen
              onCancel={onCancelReplace}
              onSaved={onSaved}
            />
          </>
        ) : (
          <Group justify="flex-end" gap="sm">
            <Button
              variant="default"
              color="red"
              leftSection={<IconTrash size={16} aria-hidden />}
              disabled={busy}
              onClick={onRemove}
            >
              Remove
            </Button>
            <Button leftSection={<IconRefresh size={16} aria-hidden />} disabled={busy} onClick={onReplace}>
              Replace credentials
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
