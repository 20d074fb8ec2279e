import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Access, CurrentPrincipal, Meta, type Principal, type RequestMeta } from '@televisit/api-core';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyListDto, CreateApiKeyDto, CreatedApiKeyDto, toApiKeyView } from './dto/api-key.dto';

@ApiTags('api-keys')
@Controller('api/v1')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post('clinics/:clinicId/api-keys')
  @Access({ roles: ['platform_admin', 'clinic_admin'] })
  @ApiOperation({
    operationId: 'createApiKey',
    summary: 'Issue an API key for an EHR (the key is shown once)',
  })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Param('clinicId') clinicId: string,
    @Body() body: CreateApiKeyDto,
    @Meta() meta: RequestMeta,
  ): Promise<CreatedApiKeyDto> {
    const { apiKey, key } = await this.apiKeys.create(principal, clinicId, body, meta);
    return { apiKey: toApiKeyView(apiKey), key };
  }

  @Get('clinics/:clinicId/api-keys')
  @Access({ roles: ['platform_admin', 'clinic_admin'] })
  @ApiOperation({ operationId: 'listApiKeys', summary: "A clinic's API keys, revoked ones included" })
  @ApiOkResponse({ type: ApiKeyListDto })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Param('clinicId') clinicId: string,
  ): Promise<ApiKeyListDto> {
    return { data: (await this.apiKeys.list(principal, clinicId)).map(toApiKeyView) };
  }

  @Delete('api-keys/:id')
  @HttpCode(204)
  @Access({ roles: ['platform_admin', 'clinic_admin'] })
  @ApiOperation({ operationId: 'revokeApiKey', summary: 'Revoke an API key at once' })
  @ApiNoContentResponse({ description: 'Revoked (or already revoked)' })
  async revoke(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Meta() meta: RequestMeta,
  ): Promise<void> {
    await this.apiKeys.revoke(principal, id, meta);
  }
}
