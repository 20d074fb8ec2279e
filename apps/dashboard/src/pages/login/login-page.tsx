import { Alert, Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { IconAlertCircle, IconClockPause, IconInfoCircle, IconLock } from '@tabler/icons-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { afterSignIn } from '../../app/access';
import { usePageTitle } from '../../app/use-page-title';
import { type LoginLocationState, SessionLoading } from '../../auth/require-session';
import { dropPrivateQueries, type SignedOutReason } from '../../auth/session-state';
import { useSession, useSignIn } from '../../auth/use-session';
import { LogoMark } from '../../layout/logo-mark';
import { explainLoginFailure, formatWait, type LoginFailure, SIGNED_OUT_NOTICES } from './login-feedback';
import classes from './login.module.css';

export function LoginPage() {
  usePageTitle('Sign in');
  const session = useSession();
  const location = useLocation();
  const queryClient = useQueryClient();
  const from = (location.state as LoginLocationState | null)?.from;

  // Whatever the last session loaded stays behind no longer than its sign-in page.
  useEffect(() => dropPrivateQueries(queryClient), [queryClient]);

  if (session.data?.status === 'signed_in') {
    return <Navigate to={afterSignIn(session.data.user.role, from)} replace />;
  }
  if (session.isPending) return <SessionLoading />;
  const reason = session.data?.status === 'signed_out' ? session.data.reason : undefined;

  return (
    <div className={classes.page}>
      <aside className={classes.brandPanel} aria-label="About televisit">
        <div className={classes.brandInner}>
          <div className={classes.brandName}>
            <LogoMark size={40} />
            <span>televisit</span>
          </div>
          <Text component="p" className={classes.pitch}>
            Secure Zoom and Google Meet visits, wired into your clinic’s EHR.
          </Text>
          <ul className={classes.points}>
            <li>Sessions end after 30 idle minutes, and repeated wrong passwords are slowed down</li>
            <li>Every sign-in and change recorded in a tamper-evident audit log</li>
            <li>Access by role: clinic admins, providers and EHR keys see only their own</li>
          </ul>
        </div>
      </aside>
      <main className={classes.formPanel}>
        <div className={classes.formInner}>
          <div className={classes.compactBrand} aria-hidden>
            <LogoMark size={36} />
            <span>televisit</span>
          </div>
          <Title order={1} className={classes.title}>
            Sign in
          </Title>
          <Text c="dimmed" mt={6} mb="xl">
            Use the email address and password of your televisit account.
          </Text>
          <LoginForm reason={reason} />
          <Text size="xs" c="dimmed" mt="xl" className={classes.footnote}>
            <IconLock size={14} stroke={1.75} aria-hidden /> Forgot your password? Ask your clinic admin to
            set a new one.
          </Text>
        </div>
      </main>
    </div>
  );
}

function LoginForm({ reason }: { reason: SignedOutReason | undefined }) {
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [passwordVisible, setPasswordVisible] = useState(false);
  const [failure, setFailure] = useState<LoginFailure | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [waitLeft, setWaitLeft] = useState(0);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  // Counts the throttle down, one second at a time, so the button says when to try again.
  useEffect(() => {
    if (waitLeft <= 0) return;
    const timer = setTimeout(() => setWaitLeft((seconds) => seconds - 1), 1_000);
    return () => clearTimeout(timer);
  }, [waitLeft]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (signIn.isPending || waitLeft > 0) return;
    const fields: LoginFailure['fields'] = {};
    if (!email.trim()) fields.email = 'Enter your email address.';
    if (!password) fields.password = 'Enter your password.';
    if (fields.email || fields.password) {
      setFailure({ message: 'Enter your email address and password to sign in.', fields });
      setAttempt((n) => n + 1);
      (fields.email ? emailRef : passwordRef).current?.focus();
      return;
    }
    signIn.mutate(
      { email: email.trim(), password },
      {
        onError: (error) => {
          const next = explainLoginFailure(error);
          setFailure(next);
          setAttempt((n) => n + 1);
          if (next.waitSeconds) setWaitLeft(next.waitSeconds);
          if (next.fields.email) emailRef.current?.focus();
          else {
            setPassword('');
            passwordRef.current?.focus();
          }
        },
      },
    );
  };

  const notice = !failure && reason ? SIGNED_OUT_NOTICES[reason] : null;
  const waiting = waitLeft > 0;

  return (
    <form onSubmit={submit} noValidate aria-label="Sign in">
      <Stack gap="md">
        {notice && (
          <Alert
            role="status"
            variant="light"
            color={reason === 'expired' ? 'yellow' : 'clinic'}
            title={notice.title}
            icon={<IconInfoCircle size={20} stroke={1.75} aria-hidden />}
          >
            {notice.message}
          </Alert>
        )}
        {/* Keyed by attempt: a repeated failure is a new alert, so screen readers announce it again. */}
        {failure && (
          <Alert
            key={attempt}
            variant="light"
            color="red"
            title={failure.waitSeconds ? 'Sign-in paused' : 'Couldn’t sign you in'}
            icon={
              failure.waitSeconds ? (
                <IconClockPause size={20} stroke={1.75} aria-hidden />
              ) : (
                <IconAlertCircle size={20} stroke={1.75} aria-hidden />
              )
            }
          >
            {failure.message}
          </Alert>
        )}
        <TextInput
          ref={emailRef}
          label="Email"
          type="email"
          name="email"
          autoComplete="username"
          inputMode="email"
          spellCheck={false}
          size="md"
          value={email}
          onChange={(event) => setEmail(event.currentTarget.value)}
          error={failure?.fields.email}
        />
        <PasswordInput
          ref={passwordRef}
          label="Password"
          name="password"
          autoComplete="current-password"
          size="md"
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={failure?.fields.password}
          visible={passwordVisible}
          onVisibilityChange={setPasswordVisible}
          visibilityToggleButtonProps={{
            'aria-label': passwordVisible ? 'Hide password' : 'Show password',
          }}
        />
        <Button type="submit" size="md" fullWidth mt="xs" loading={signIn.isPending} disabled={waiting}>
          {waiting ? `Try again in ${formatWait(waitLeft)}` : 'Sign in'}
        </Button>
      </Stack>
    </form>
  );
}
