import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentPrincipal, Meta, type Principal, type RequestMeta } from '@televisit/api-core';
import { ClinicsService } from './clinics.service';
import { ClinicDto, ClinicListDto, CreateClinicDto, toClinicView, UpdateClinicDto } from './dto/clinic.dto';

@ApiTags('clinics')
@Controller('api/v1/clinics')
export class ClinicsController {
  constructor(private readonly clinics: ClinicsService) {}

  @Post()
  @Access({ roles: ['platform_admin'] })
  @ApiOperation({ operationId: 'createClinic', summary: 'Create a clinic' })
  @ApiCreatedResponse({ type: ClinicDto })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateClinicDto,
    @Meta() meta: RequestMeta,
  ): Promise<ClinicDto> {
    return toClinicView(await this.clinics.create(principal, body, meta));
  }

  @Get()
  @Access({ roles: ['platform_admin'] })
  @ApiOperation({ operationId: 'listClinics', summary: 'Every clinic' })
  @ApiOkResponse({ type: ClinicListDto })
  async list(): Promise<ClinicListDto> {
    return { data: (await this.clinics.list()).map(toClinicView) };
  }

  @Get(':id')
  @Access({ roles: ['platform_admin', 'clinic_admin', 'provider'] })
  @ApiOperation({ operationId: 'getClinic', summary: 'One clinic (your own, unless platform admin)' })
  @ApiOkResponse({ type: ClinicDto })
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<ClinicDto> {
    return toClinicView(await this.clinics.get(principal, id));
  }

  @Patch(':id')
  @Access({ roles: ['platform_admin', 'clinic_admin'] })
  @ApiOperation({
    operationId: 'updateClinic',
    summary:
      'Change a clinic: its name, time zone and video visit settings (your own, unless platform admin)',
  })
  @ApiOkResponse({ type: ClinicDto })
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: UpdateClinicDto,
    @Meta() meta: RequestMeta,
  ): Promise<ClinicDto> {
    return toClinicView(await this.clinics.update(principal, id, body, meta));
  }
}
