import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Meta, Public, type RequestMeta } from '@televisit/api-core';
import type { Response } from 'express';
import {
  gonePage,
  JOIN_HEADERS,
  type JoinPage,
  notFoundPage,
  notReadyPage,
  tooEarlyPage,
} from './join-pages';
import { JoinLinks } from './join-links.service';

/**
 * The patient's link, outside the API prefix: a browser opens it, so it answers with a redirect into
 * the meeting or a small HTML page, never JSON. Public: the unguessable token is the credential.
 */
@ApiExcludeController()
@Public()
@Controller('join')
export class JoinLinksController {
  constructor(private readonly joinLinks: JoinLinks) {}

  @Get(':token')
  async join(@Param('token') token: string, @Meta() meta: RequestMeta, @Res() res: Response): Promise<void> {
    const outcome = await this.joinLinks.open(token, meta);
    if (outcome.kind === 'redirect') {
      // Set directly: Express's res.location() would re-encode the vendor's URL.
      res.status(302).set(JOIN_HEADERS).setHeader('Location', outcome.url);
      res.end();
      return;
    }
    const page: JoinPage =
      outcome.kind === 'too_early'
        ? tooEarlyPage(outcome.opensAt, outcome.timezone)
        : outcome.kind === 'not_ready'
          ? notReadyPage()
          : outcome.kind === 'gone'
            ? gonePage()
            : notFoundPage();
    res.status(page.status).set(page.headers).type('html').send(page.html);
  }
}
