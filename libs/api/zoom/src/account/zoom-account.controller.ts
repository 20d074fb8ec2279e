import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentPrincipal, Meta, type Principal, type RequestMeta } from '@televisit/api-core';
import {
  SaveZoomAccountDto,
  toZoomAccountView,
  ZoomAccountDto,
  ZoomAccountUsersDto,
} from './dto/zoom-account.dto';
import { ZoomAccountService } from './zoom-account.service';

@ApiTags('zoom-account')
@Controller('api/v1/clinics/:clinicId/zoom-account')
export class ZoomAccountController {
  constructor(private readonly accounts: ZoomAccountService) {}

  @Put()
  @Access({ roles: ['platform_admin', 'clinic_admin'] })
  @ApiOperation({
    operationId: 'saveZoomAccount',
    summary:
      "Store the clinic's Zoom Server-to-Server app (validated by obtaining a token; the secret is never returned)",
  })
  @ApiOkResponse({ type: ZoomAccountDto })
  async save(
    @CurrentPrincipal() principal: Principal,
    @Param('clinicId') clinicId: string,
    @Body() body: SaveZoomAccountDto,
    @Meta() meta: RequestMeta,
  ): Promise<ZoomAccountDto> {
    return toZoomAccountView(await this.accounts.save(principal, clinicId, body, meta));
  }

  @Get()
  @Access({ roles: ['platform_admin', 'clinic_admin'] })
  @ApiOperation({ operationId: 'getZoomAccount', summary: "The clinic's Zoom account, without the secret" })
  @ApiOkResponse({ type: ZoomAccountDto })
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('clinicId') clinicId: string,
  ): Promise<ZoomAccountDto> {
    return toZoomAccountView(await this.accounts.get(principal, clinicId));
  }

  @Delete()
  @HttpCode(204)
  @Access({ roles: ['platform_admin', 'clinic_admin'] })
  @ApiOperation({
    operationId: 'removeZoomAccount',
    summary: "Forget the clinic's Zoom account and revoke its token",
  })
  @ApiNoContentResponse({ description: 'Removed' })
  async remove(
    @CurrentPrincipal() principal: Principal,
    @Param('clinicId') clinicId: string,
    @Meta() meta: RequestMeta,
  ): Promise<void> {
    await this.accounts.remove(principal, clinicId, meta);
  }

  @Get('users')
  @Access({ roles: ['platform_admin', 'clinic_admin'] })
  @ApiOperation({
    operationId: 'listZoomAccountUsers',
    summary: "Users of the clinic's Zoom account, to map each provider to theirs (zoomUser)",
  })
  @ApiOkResponse({ type: ZoomAccountUsersDto })
  async users(
    @CurrentPrincipal() principal: Principal,
    @Param('clinicId') clinicId: string,
  ): Promise<ZoomAccountUsersDto> {
    return { data: await this.accounts.users(principal, clinicId) };
  }
}
