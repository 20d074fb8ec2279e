import { type Response, Router } from 'express';
import { actingUser, hasScope, zoomAuth } from './zoom-auth.middleware';
import { zoomError } from './zoom-errors';
import { decodePageToken, encodePageToken, pageSize } from './zoom-paging';
import type { ZoomState } from './zoom-state';
import type { ZoomUser } from './zoom-store';
import { zoomTime } from './zoom-time';

/** `GET /v2/users/{userId}` (including `me`) and `GET /v2/users`. */
export function zoomUsersRoutes(state: ZoomState): Router {
  const router = Router();

  router.get('/v2/users', (req, res) => {
    if (!hasScope(res, 'listUsers')) return;
    const size = pageSize(req.query['page_size']);
    if (size === undefined) return invalidPageSize(res);
    const all = state.directory.usersOf(zoomAuth(res).grant.accountId);
    const start = decodePageToken(req.query['next_page_token'], 'users');
    if (start === undefined) return zoomError(res, 400, 300, 'The next page token is invalid or expired.');
    const page = all.slice(start, start + size);
    const next = start + size < all.length ? encodePageToken('users', start + size) : '';
    res.json({
      page_count: Math.max(1, Math.ceil(all.length / size)),
      page_number: Math.floor(start / size) + 1,
      page_size: size,
      total_records: all.length,
      next_page_token: next,
      users: page.map(listedUser),
    });
  });

  router.get('/v2/users/:userId', (req, res) => {
    if (!hasScope(res, 'getUser')) return;
    const user = actingUser(state, res, req.params.userId, 'get');
    if (user) res.json(userView(user));
  });

  return router;
}

function invalidPageSize(res: Response): void {
  zoomError(res, 400, 300, 'Validation Failed.', [{ field: 'page_size', message: 'Invalid field.' }]);
}

/** The fields Zoom returns for a user, with plausible fixed values where the fake has no model. */
export function userView(user: ZoomUser): Record<string, unknown> {
  return {
    id: user.id,
    first_name: user.firstName,
    last_name: user.lastName,
    display_name: `${user.firstName} ${user.lastName}`,
    email: user.email,
    type: 2,
    role_name: user.roleName,
    pmi: user.pmi,
    use_pmi: false,
    personal_meeting_url: `https://zoom.us/j/${user.pmi}`,
    timezone: user.timezone,
    verified: 1,
    dept: '',
    created_at: zoomTime(user.createdAt),
    user_created_at: zoomTime(user.createdAt),
    last_login_time: zoomTime(user.createdAt),
    pic_url: '',
    language: 'en-US',
    phone_number: '',
    status: 'active',
    role_id: user.roleName === 'Owner' ? '0' : '2',
    account_id: user.accountId,
    account_number: accountNumber(user.accountId),
    cluster: 'us05',
    login_types: [100],
  };
}

function listedUser(user: ZoomUser): Record<string, unknown> {
  return {
    id: user.id,
    first_name: user.firstName,
    last_name: user.lastName,
    display_name: `${user.firstName} ${user.lastName}`,
    email: user.email,
    type: 2,
    pmi: user.pmi,
    timezone: user.timezone,
    verified: 1,
    dept: '',
    created_at: zoomTime(user.createdAt),
    user_created_at: zoomTime(user.createdAt),
    last_login_time: zoomTime(user.createdAt),
    language: 'en-US',
    status: 'active',
    role_id: user.roleName === 'Owner' ? '0' : '2',
  };
}

/** A stable 10-digit number per account id. */
function accountNumber(accountId: string): number {
  let hash = 0;
  for (const c of accountId) hash = (hash * 31 + c.charCodeAt(0)) % 9_000_000_000;
  return 1_000_000_000 + hash;
}
