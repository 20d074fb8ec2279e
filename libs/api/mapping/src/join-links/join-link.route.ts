import { Injectable } from '@nestjs/common';
import type { EdgeRoute, RequestMeta } from '@televisit/api-core';
import type { ServerResponse } from 'node:http';
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

  async handle(token: string, meta: RequestMeta, res: ServerResponse): Promise<void> {
    const outcome = await this.joinLinks.open(token, meta);
    if (outcome.kind === 'redirect') {
      // The vendor's URL exactly as stored: nothing re-encodes it.
      res.writeHead(302, { ...JOIN_HEADERS, Location: outcome.url, 'Content-Length': '0' }).end();
      return;
    }
    const page = pageFor(outcome);
    res
      .writeHead(page.status, {
        ...page.headers,
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Length': String(Buffer.byteLength(page.html)),
      })
      .end(page.html);
  }
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
