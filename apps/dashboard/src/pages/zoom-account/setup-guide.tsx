import { Anchor, Code, List, Stack, Text, Title } from '@mantine/core';

const REQUIRED_SCOPES = ['meeting:read:admin', 'meeting:write:admin', 'user:read:admin'] as const;

/** What a Server-to-Server OAuth app is and where its three credentials are found at Zoom. */
export function SetupGuide({ headingId }: { headingId: string }) {
  return (
    <Stack gap="md">
      <Title order={2} id={headingId}>
        Connect the clinic’s Zoom account
      </Title>
      <Text size="sm">
        With a <strong>Server-to-Server OAuth</strong> app in the clinic’s own Zoom account, televisit creates
        the meetings of the clinic’s visits in that account, hosted by the Zoom user you choose for each
        provider. No one signs in to Zoom for it; providers who connect their own Zoom account keep using it.
      </Text>
      <Text size="sm" fw={600}>
        Create the app once, as an admin of the clinic’s Zoom account:
      </Text>
      <List type="ordered" size="sm" spacing="xs">
        <List.Item>
          Sign in to the{' '}
          <Anchor href="https://marketplace.zoom.us/" target="_blank" rel="noopener noreferrer" inherit>
            Zoom App Marketplace
          </Anchor>
          .
        </List.Item>
        <List.Item>
          Choose <strong>Develop → Build app → Server-to-Server OAuth</strong> and name the app, for example
          “televisit”.
        </List.Item>
        <List.Item>
          Under <strong>Scopes</strong>, add{' '}
          {REQUIRED_SCOPES.map((scope, index) => (
            <span key={scope}>
              {index > 0 && (index === REQUIRED_SCOPES.length - 1 ? ' and ' : ', ')}
              <Code>{scope}</Code>
            </span>
          ))}
          .
        </List.Item>
        <List.Item>
          Activate the app, then copy the <strong>Account ID</strong>, <strong>Client ID</strong> and{' '}
          <strong>Client secret</strong> from its <strong>App credentials</strong> into this form.
        </List.Item>
      </List>
      <Text size="sm" c="dimmed">
        televisit checks them with Zoom before storing them, stores the secret encrypted and never shows it
        again.
      </Text>
    </Stack>
  );
}
