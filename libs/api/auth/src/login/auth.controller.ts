import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Access,
  APP_CONFIG,
  type AppConfig,
  CurrentPrincipal,
  DomainException,
  ErrorCode,
  Meta,
  type Principal,
  Public,
  type RequestMeta,
  ROLES,
} from '@televisit/api-core';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import {
  clearSessionCookie,
  readCookie,
  serializeSessionCookie,
  SESSION_ABSOLUTE_MS,
  sessionCookieName,
} from '../sessions/session-cookie';
import { sessionIdOf } from '../sessions/session-tokens';
import { SessionsService } from '../sessions/sessions.service';
import { toUserView } from '../users/dto/user.dto';
import { UserEntity } from '../users/user.entity';
import { LoginDto, SessionDto } from './dto/login.dto';
import { LoginService } from './login.service';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  private readonly https: boolean;
  private readonly cookieName: string;

  constructor(
    private readonly login: LoginService,
    private readonly sessions: SessionsService,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.https = config.publicUrl.startsWith('https:');
    this.cookieName = sessionCookieName(this.https);
  }

  @Post('login')
  @HttpCode(200)
  @Public()
  @ApiOperation({ operationId: 'login', summary: 'Sign in to the dashboard: sets the session cookie' })
  @ApiOkResponse({ type: SessionDto })
  async signIn(
    @Body() body: LoginDto,
    @Meta() meta: RequestMeta,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionDto> {
    const previous = readCookie(req.headers, this.cookieName);
    const { user, token, csrfToken } = await this.login.login(
      body.email,
      body.password,
      meta,
      previous ? sessionIdOf(previous) : undefined,
    );
    res.setHeader(
      'Set-Cookie',
      serializeSessionCookie(this.cookieName, token, this.https, SESSION_ABSOLUTE_MS / 1000),
    );
    return { user: toUserView(user), csrfToken };
  }

  @Post('logout')
  @HttpCode(204)
  @Access({ roles: ROLES })
  @ApiOperation({ operationId: 'logout', summary: 'End this session, server-side' })
  @ApiNoContentResponse()
  async signOut(
    @CurrentPrincipal() principal: Principal,
    @Meta() meta: RequestMeta,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    if (principal.kind !== 'user') throw new DomainException(403, ErrorCode.Forbidden);
    await this.login.logout(principal, meta);
    res.setHeader('Set-Cookie', clearSessionCookie(this.cookieName, this.https));
  }

  @Get('me')
  @Access({ roles: ROLES })
  @ApiOperation({ operationId: 'getSession', summary: 'The signed-in user and this session’s CSRF token' })
  @ApiOkResponse({ type: SessionDto })
  async me(@CurrentPrincipal() principal: Principal): Promise<SessionDto> {
    if (principal.kind !== 'user') throw new DomainException(403, ErrorCode.Forbidden);
    const user = await this.dataSource.getRepository(UserEntity).findOneByOrFail({ id: principal.userId });
    return { user: toUserView(user), csrfToken: this.sessions.csrfToken(principal.sessionId) };
  }
}
