import { partialResponse } from './partial-response';

const page = {
  kind: 'calendar#events',
  nextSyncToken: 's1',
  items: [
    {
      id: 'a',
      status: 'confirmed',
      summary: 'Lunch with Ann',
      start: { dateTime: '2026-03-10T09:00:00Z', timeZone: 'UTC' },
      attendees: [{ email: 'ann@example.com', responseStatus: 'accepted' }],
    },
    { id: 'b', status: 'cancelled' },
  ],
};

describe('partialResponse (Google fields)', () => {
  it('keeps only the selected fields, item by item', () => {
    expect(partialResponse(page, 'items(id,status),nextSyncToken')).toEqual({
      nextSyncToken: 's1',
      items: [
        { id: 'a', status: 'confirmed' },
        { id: 'b', status: 'cancelled' },
      ],
    });
  });

  it('selects sub-fields with a slash or parentheses, and everything with *', () => {
    expect(partialResponse(page, 'items/start/dateTime')).toEqual({
      items: [{ start: { dateTime: '2026-03-10T09:00:00Z' } }, {}],
    });
    expect(partialResponse(page, 'items(id,attendees(email))')).toEqual({
      items: [{ id: 'a', attendees: [{ email: 'ann@example.com' }] }, { id: 'b' }],
    });
    expect(partialResponse(page, 'kind,items/*')).toEqual({ kind: 'calendar#events', items: page.items });
  });

  it('answers the whole body without fields', () => {
    expect(partialResponse(page, undefined)).toBe(page);
  });

  it('refuses a selection it cannot read, as Google does with 400 invalid', () => {
    for (const fields of ['items(id', 'items)', 'items,,id', '', 'items(id)x']) {
      expect(() => partialResponse(page, fields)).toThrow(/Invalid field selection/);
    }
  });
});
