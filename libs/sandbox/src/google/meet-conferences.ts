import type { calendar_v3 } from 'googleapis';
import { randomInt } from 'node:crypto';

/** A Meet conference asked for through `conferenceData.createRequest`, which Google may create lazily. */
export interface MeetConference {
  requestId: string;
  /** Reads (the insert answer counts as one) that still see `pending`. */
  pendingReadsLeft: number;
  settled: boolean;
  /** Settles as `failure` (Meet not available to the organizer, say) instead of with a link. */
  fails: boolean;
}

/** How the next requested conference turns out (test controls). */
export interface ConferencePlan {
  pendingReads: number;
  fails: boolean;
}

interface ConferenceHolder {
  resource: calendar_v3.Schema$Event;
  conference?: MeetConference;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const letters = (n: number) => Array.from({ length: n }, () => LETTERS[randomInt(26)]).join('');
const digits = (n: number) => Array.from({ length: n }, () => String(randomInt(10))).join('');

/** Starts a conference on an event: the event carries a pending createRequest until enough reads pass. */
export function requestConference(holder: ConferenceHolder, requestId: string, plan: ConferencePlan): void {
  holder.conference = { requestId, pendingReadsLeft: plan.pendingReads, settled: false, fails: plan.fails };
  holder.resource.conferenceData = {
    createRequest: {
      requestId,
      conferenceSolutionKey: { type: 'hangoutsMeet' },
      status: { statusCode: 'pending' },
    },
  };
  delete holder.resource.hangoutLink;
}

/** One read of the event: counts down the pending reads, then fills in the conference like Google does. */
export function readConference(holder: ConferenceHolder): void {
  const conference = holder.conference;
  if (!conference || conference.settled) return;
  if (conference.pendingReadsLeft > 0) {
    conference.pendingReadsLeft--;
    return;
  }
  conference.settled = true;
  if (conference.fails) {
    holder.resource.conferenceData = {
      createRequest: {
        requestId: conference.requestId,
        conferenceSolutionKey: { type: 'hangoutsMeet' },
        status: { statusCode: 'failure' },
      },
    };
    return;
  }
  const code = `${letters(3)}-${letters(4)}-${letters(3)}`;
  const pin = digits(9);
  const morePin = digits(13);
  holder.resource.conferenceData = {
    createRequest: {
      requestId: conference.requestId,
      conferenceSolutionKey: { type: 'hangoutsMeet' },
      status: { statusCode: 'success' },
    },
    entryPoints: [
      { entryPointType: 'video', uri: `https://meet.google.com/${code}`, label: `meet.google.com/${code}` },
      { entryPointType: 'more', uri: `https://tel.meet/${code}?pin=${morePin}`, pin: morePin },
      {
        entryPointType: 'phone',
        uri: `tel:+1-555-010-${digits(4)}`,
        label: '+1 555-010-0100',
        pin,
        regionCode: 'US',
      },
    ],
    conferenceSolution: {
      key: { type: 'hangoutsMeet' },
      name: 'Google Meet',
      iconUri:
        'https://fonts.gstatic.com/s/i/productlogos/meet_2020q4/v6/web-512dp/logo_meet_2020q4_color_2x_web_512dp.png',
    },
    conferenceId: code,
  };
  holder.resource.hangoutLink = `https://meet.google.com/${code}`;
}
