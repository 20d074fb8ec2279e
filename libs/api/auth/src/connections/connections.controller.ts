import { Controller, Delete, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiFoundResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  Access,
  CurrentPrincipal,
  Meta,
  type Principal,
  Public,
  type RequestMeta,
  type UserPrincipal,
} from '@televisit/api-core';
import type { Request, Response } from 'express';
import { PrincipalResolver } from '../access/principal.resolver';
import { ConnectionsService } from './connections.service';
import {
  AuthorizationDto,
  ConnectionCheckDto,
  ConnectionListDto,
  toConnectionDto,
} from './dto/connection.dto';

@ApiTags('connections')
@Controller('api/v1')
export class ConnectionsController {
  constructor(
    private readonly connections: ConnectionsService,
    private readonly principals: PrincipalResolver,
  ) {}

  @Get('users/:id/connections')
  @Access({ roles: ['platform_admin', 'clinic_admin', 'provider'] })
  @ApiOperation({ operationId: 'listConnections', summary: "A provider's Zoom and Google connections" })
  @ApiOkResponse({ type: ConnectionListDto })
  async list(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<ConnectionListDto> {
    return (await this.connections.list(principal, id)).map(toConnectionDto);
  }

  @Post('users/:id/connections/:vendor/authorize')
  @HttpCode(200)
  @Access({ roles: ['provider'] })
  @ApiOperation({
    operationId: 'authorizeConnection',
    summary: 'Start connecting your own vendor account (state bound to this session, PKCE S256)',
  })
  @ApiOkResponse({ type: AuthorizationDto })
  async authorize(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('id') id: string,
    @Param('vendor') vendor: string,
    @Req() req: Request,
  ): Promise<AuthorizationDto> {
    return { authorizationUrl: await this.connections.authorize(principal, id, vendor, req) };
  }

  @Post('users/:id/connections/:vendor/test')
  @HttpCode(200)
  @Access({ roles: ['platform_admin', 'clinic_admin', 'provider'] })
  @ApiOperation({
    operationId: 'testConnection',
    summary: 'Check that the connection works now (refreshing its token if due)',
  })
  @ApiOkResponse({ type: ConnectionCheckDto })
  async test(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Param('vendor') vendor: string,
  ): Promise<ConnectionCheckDto> {
    const checkedAt = await this.connections.test(principal, id, vendor);
    return { vendor, ok: true, checkedAt: checkedAt.toISOString() };
  }

  @Delete('users/:id/connections/:vendor')
  @HttpCode(204)
  @Access({ roles: ['platform_admin', 'clinic_admin', 'provider'] })
  @ApiOperation({
    operationId: 'disconnectConnection',
    summary: 'Revoke at the vendor, erase the tokens, status not_connected',
  })
  @ApiNoContentResponse({ description: 'Disconnected (or was not connected)' })
  async disconnect(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Param('vendor') vendor: string,
    @Meta() meta: RequestMeta,
  ): Promise<void> {
    await this.connections.disconnect(principal, id, vendor, meta);
  }

  /** Public because the vendor redirects the browser here; the session is checked inside. */
  @Get('oauth/:vendor/callback')
  @Public()
  @ApiOperation({
    operationId: 'oauthCallback',
    summary: 'Where the vendor sends the browser back; redirects into the dashboard with the outcome',
  })
  @ApiFoundResponse({ description: 'To /connections?vendor=…&result=connected or &error=…' })
  async callback(@Param('vendor') vendor: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const principal = await this.principals.resolve(req).catch(() => null);
    res.redirect(302, await this.connections.callback(principal, vendor, req));
  }
}
