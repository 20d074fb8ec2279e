import type { Response } from 'express';
import type { FieldError } from './zoom-openapi';

/** Zoom's REST error body: a numeric `code` (not the HTTP status) and a sentence. */
export function zoomError(
  res: Response,
  status: number,
  code: number,
  message: string,
  errors?: FieldError[],
): void {
  res.status(status).json(errors ? { code, message, errors } : { code, message });
}

/** The OAuth endpoints answer `{reason, error}` instead. */
export function oauthError(res: Response, status: number, error: string, reason: string): void {
  res.status(status).json({ reason, error });
}

export const invalidToken = (res: Response) => zoomError(res, 401, 124, 'Invalid access token.');
export const expiredToken = (res: Response) => zoomError(res, 401, 124, 'Access token is expired.');

export function missingScopes(res: Response, scopes: string[]): void {
  zoomError(res, 400, 4711, `Invalid access token, does not contain scopes:[${scopes.join(', ')}].`);
}

export function validationFailed(res: Response, errors: FieldError[]): void {
  zoomError(res, 400, 300, 'Validation Failed.', errors);
}

/** Worded per operation as the OpenAPI document words each one. */
export function userNotFound(res: Response, userId: string, wording: 'get' | 'act'): void {
  const message =
    wording === 'get'
      ? `User does not exist: ${userId}.`
      : `User ${userId} not exist or not belong to this account.`;
  zoomError(res, 404, 1001, message);
}

export function meetingNotFound(
  res: Response,
  meetingId: string,
  wording: 'get' | 'update' | 'delete',
): void {
  const message = {
    get: `Meeting ${meetingId} is not found or has expired.`,
    update: `A meeting with this ${meetingId} is not found or has expired.`,
    delete: `Meeting with this ${meetingId} is not found or has expired.`,
  }[wording];
  zoomError(res, 404, 3001, message);
}

/** `PATCH` of a meeting under way (code 3000 also words other refusals). */
export function meetingStarted(res: Response): void {
  zoomError(res, 400, 3000, 'You cannot update or delete meetings that have started using this method.');
}

/** `DELETE` of a meeting under way (3002) or over (3007): Zoom keeps it. */
export function meetingNotDeletable(res: Response, progress: 'started' | 'ended'): void {
  if (progress === 'started')
    zoomError(res, 400, 3002, 'Sorry, you cannot delete this meeting since it is in progress.');
  else zoomError(res, 400, 3007, 'Sorry, you cannot delete this meeting since it has ended.');
}
