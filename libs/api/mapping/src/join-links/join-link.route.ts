import { Injectable } from '@nestjs/common';
import {
  type EdgeReply,
  type EdgeRoute,
  type MaybePromise,
  type RequestMeta,
  whenReady,
} from '@televisit/api-core';
import {
  gonePage,
  JOIN_HEADERS,
  type JoinPage,
  notFoundPage,
  notReadyPage,
  tooEarlyPage,
} from './join-pages';
import { JoinLinks, type JoinOutcome } from './join-links.service';

/**
 * The patient's link, `/join/{token}`, outside the API prefix: a browser opens it, so it answers with a
 * redirect into the meeting or a small HTML page, never JSON. Public: the unguessable token is the
 * credential. Served ahead of Express and Nest (`serveAheadOfExpress`): it is the one route every
 * patient of every visit opens, and the framework's per-request cost would be most of its own.
 */
@Injectable()
export class JoinLinkRoute implements EdgeRoute {
  readonly prefix = '/join/';
  readonly pattern = '/join/:token';

  constructor(private readonly joinLinks: JoinLinks) {}

  handle(token: string, meta: RequestMeta, reply: EdgeReply): MaybePromise<void> {
    return whenReady(this.joinLinks.open(token, meta), (outcome) => answer(outcome, reply));
  }
}

function answer(outcome: JoinOutcome, reply: EdgeReply): void {
  if (outcome.kind === 'redirect') {
    // The vendor's URL exactly as stored: nothing re-encodes it.
    reply.redirect(outcome.url, JOIN_HEADERS);
    return;
  }
  const page = pageFor(outcome);
  reply.page(page.status, page.headers, page.html);
}

function pageFor(outcome: Exclude<JoinOutcome, { kind: 'redirect' }>): JoinPage {
  switch (outcome.kind) {
    case 'too_early':
      return tooEarlyPage(outcome.opensAt, outcome.timezone);
    case 'not_ready':
      return notReadyPage();
    case 'gone':
      return gonePage();
    case 'not_found':
      return notFoundPage();
  }
}
