import { ApiError } from '../../api/api-error';
import { fieldErrors } from '../../api/field-errors';
import { type SignedOutReason } from '../../auth/session-state';

export type LoginField = 'email' | 'password';

export interface LoginFailure {
  /** Shown above the form, in the alert. */
  message: string;
  fields: Partial<Record<LoginField, string>>;
  /** Seconds until another attempt is accepted, after too many failures. */
  waitSeconds?: number;
}

/**
 * What to tell the viewer after a failed sign-in. Unknown email, wrong password and disabled account
 * read the same (the API answers them alike): the page never tells whether an account exists.
 */
export function explainLoginFailure(error: unknown): LoginFailure {
  if (!(error instanceof ApiError)) {
    return { message: 'Something went wrong while signing in. Try again.', fields: {} };
  }
  if (error.failure.kind === 'network') {
    return {
      message: 'Couldn’t reach televisit. Check your network connection and try again.',
      fields: {},
    };
  }
  switch (error.code) {
    case 'invalid_credentials':
      return { message: 'The email or password is incorrect. Check both and try again.', fields: {} };
    case 'login_throttled':
    case 'rate_limited': {
      const wait = error.retryAfterSeconds;
      return {
        message:
          wait === undefined
            ? 'Too many sign-in attempts. For your security, sign-in is paused for a while. Try again later.'
            : `Too many sign-in attempts. For your security, sign-in is paused for ${formatWait(wait)}. Try again after that.`,
        fields: {},
        waitSeconds: wait,
      };
    }
    case 'validation_failed': {
      const { byField } = fieldErrors(error, ['email', 'password'] as const);
      return { message: 'Check the highlighted fields.', fields: byField };
    }
  }
  if ((error.status ?? 0) >= 500) {
    return {
      message: 'televisit could not sign you in right now. Try again in a minute.',
      fields: {},
    };
  }
  return { message: error.message, fields: {} };
}

/** 45 → "45 seconds", 60 → "1 minute", 150 → "3 minutes". */
export function formatWait(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

export const SIGNED_OUT_NOTICES: Record<SignedOutReason, { title: string; message: string }> = {
  expired: {
    title: 'Your session has expired',
    message:
      'For your security, televisit signs you out after a period without activity. Sign in again to continue.',
  },
  signed_out: { title: 'You have signed out', message: 'Sign in again whenever you are ready.' },
  password_changed: {
    title: 'Your password was changed',
    message: 'You were signed out everywhere. Sign in with your new password.',
  },
};
