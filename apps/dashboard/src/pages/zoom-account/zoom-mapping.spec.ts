import { describe, expect, it } from '@jest/globals';
import { type User } from '../../auth/session-state';
import { type ZoomAccountUser } from './use-zoom-account';
import {
  namesZoomUser,
  NONE,
  providerRows,
  selectedValue,
  zoomUserOptions,
  zoomUserRows,
} from './zoom-mapping';

const aUser = (overrides: Partial<User> & Pick<User, 'id' | 'name'>): User => ({
  clinicId: 'c1',
  email: `${overrides.id}@clinic.test`,
  role: 'provider',
  zoomUser: null,
  disabled: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});
const aZoomUser = (id: string, name: string, email = `${id}@zoom.test`): ZoomAccountUser => ({
  id,
  email,
  name,
});

const room1 = aZoomUser('z1', 'Room One');
const room2 = aZoomUser('z2', 'Room Two');
const ada = aUser({ id: 'ada', name: 'Dr. Ada', zoomUser: 'Z1@ZOOM.TEST' });
const bob = aUser({ id: 'bob', name: 'Dr. Bob', zoomUser: 'z1' });
const cleo = aUser({ id: 'cleo', name: 'Dr. Cleo', zoomUser: 'gone@elsewhere.test' });
const dan = aUser({ id: 'dan', name: 'Dr. Dan' });
const admin = aUser({ id: 'admin', name: 'Alex Admin', role: 'clinic_admin' });

describe('namesZoomUser', () => {
  it('matches the id exactly or the email without case', () => {
    expect(namesZoomUser('z1', room1)).toBe(true);
    expect(namesZoomUser(' z1@Zoom.test ', room1)).toBe(true);
    expect(namesZoomUser('Z1', room1)).toBe(false);
    expect(namesZoomUser('z2@zoom.test', room1)).toBe(false);
    expect(namesZoomUser(null, room1)).toBe(false);
    expect(namesZoomUser('', room1)).toBe(false);
  });
});

describe('zoomUserRows', () => {
  it('lists every Zoom user by name with the televisit users mapped to it', () => {
    const rows = zoomUserRows([room2, room1], [dan, bob, ada, cleo, admin]);
    expect(rows.map((row) => [row.zoomUser.id, row.mapped.map((user) => user.id)])).toEqual([
      ['z1', ['ada', 'bob']],
      ['z2', []],
    ]);
  });
});

describe('providerRows', () => {
  it('lists providers only, by name, with their Zoom user or the unknown value', () => {
    const rows = providerRows([dan, cleo, admin, bob, ada], [room1, room2]);
    expect(rows.map((row) => row.provider.id)).toEqual(['ada', 'bob', 'cleo', 'dan']);
    expect(rows[0]).toMatchObject({ zoomUser: room1, unknown: null });
    expect(rows[2]).toMatchObject({ zoomUser: null, unknown: 'gone@elsewhere.test' });
    expect(rows[3]).toMatchObject({ zoomUser: null, unknown: null });
  });

  it('selects by email whatever form was stored', () => {
    const [adaRow, bobRow, cleoRow, danRow] = providerRows([ada, bob, cleo, dan], [room1]);
    expect([adaRow, bobRow, cleoRow, danRow].map((row) => row && selectedValue(row))).toEqual([
      'z1@zoom.test',
      'z1@zoom.test',
      'gone@elsewhere.test',
      NONE,
    ]);
  });
});

describe('zoomUserOptions', () => {
  it('offers None and every account user, plus a stored value that is not on the account', () => {
    const [cleoRow, danRow] = providerRows([cleo, dan], [room2, room1]);
    if (!cleoRow || !danRow) throw new Error('rows missing');
    expect(zoomUserOptions(danRow, [room2, room1])).toEqual([
      { value: NONE, label: 'None' },
      { value: 'z1@zoom.test', label: 'Room One (z1@zoom.test)' },
      { value: 'z2@zoom.test', label: 'Room Two (z2@zoom.test)' },
    ]);
    expect(zoomUserOptions(cleoRow, [])).toEqual([
      { value: NONE, label: 'None' },
      { value: 'gone@elsewhere.test', label: 'gone@elsewhere.test (not on this Zoom account)' },
    ]);
    expect(zoomUserOptions(danRow, [aZoomUser('z3', '')])[1]).toEqual({
      value: 'z3@zoom.test',
      label: 'z3@zoom.test',
    });
  });
});
