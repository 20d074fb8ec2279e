import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentPrincipal, Meta, type Principal, type RequestMeta } from '@televisit/api-core';
import type { Response } from 'express';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { AppointmentsService } from './appointments.service';
import {
  AppointmentDto,
  AppointmentListDto,
  CreateAppointmentDto,
  HostLinkDto,
  ListAppointmentsDto,
  RescheduleAppointmentDto,
} from './dto/appointment.dto';
import { HostLinks } from './host-links';

const ANY_ROLE = ['platform_admin', 'clinic_admin', 'provider'] as const;

@ApiTags('appointments')
@Controller('api/v1/appointments')
export class AppointmentsController {
  constructor(
    private readonly appointments: AppointmentsService,
    private readonly idempotency: IdempotencyService,
    private readonly hostLinks: HostLinks,
  ) {}

  @Post()
  @Access({ roles: [...ANY_ROLE], scopes: ['appointments:write'] })
  @ApiOperation({
    operationId: 'createAppointment',
    summary: 'Book a visit; its vendor meeting is created in the background (meeting.status pending → ready)',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Same key and body within 24 h replays the first response; another body → 422; in flight → 409',
  })
  @ApiCreatedResponse({ type: AppointmentDto })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateAppointmentDto,
    @Meta() meta: RequestMeta,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AppointmentDto> {
    const result = await this.idempotency.run(
      principal,
      key,
      body,
      async (claim) => ({ status: 201, body: await this.appointments.create(principal, body, meta, claim) }),
      // The first request committed but never answered (its process died): answer with what it created.
      async (appointmentId) => ({ status: 201, body: await this.appointments.get(principal, appointmentId) }),
    );
    res.status(result.status);
    return result.body;
  }

  @Get()
  @Access({ roles: [...ANY_ROLE], scopes: ['appointments:read'] })
  @ApiOperation({
    operationId: 'listAppointments',
    summary: 'Appointments by start time (keyset pagination)',
  })
  @ApiOkResponse({ type: AppointmentListDto })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListAppointmentsDto,
  ): Promise<AppointmentListDto> {
    return this.appointments.list(principal, query);
  }

  @Get(':id')
  @Access({ roles: [...ANY_ROLE], scopes: ['appointments:read'] })
  @ApiOperation({ operationId: 'getAppointment', summary: 'One appointment with its meeting state' })
  @ApiOkResponse({ type: AppointmentDto })
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<AppointmentDto> {
    return this.appointments.get(principal, id);
  }

  @Patch(':id')
  @Access({ roles: [...ANY_ROLE], scopes: ['appointments:write'] })
  @ApiOperation({
    operationId: 'rescheduleAppointment',
    summary: 'Move the visit; the same vendor meeting is updated and the patient link does not change',
  })
  @ApiOkResponse({ type: AppointmentDto })
  reschedule(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: RescheduleAppointmentDto,
    @Meta() meta: RequestMeta,
  ): Promise<AppointmentDto> {
    return this.appointments.reschedule(principal, id, body, meta);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Access({ roles: [...ANY_ROLE], scopes: ['appointments:write'] })
  @ApiOperation({
    operationId: 'cancelAppointment',
    summary: 'Cancel the visit; the vendor meeting is deleted',
  })
  @ApiOkResponse({ type: AppointmentDto })
  cancel(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Meta() meta: RequestMeta,
  ): Promise<AppointmentDto> {
    return this.appointments.cancel(principal, id, meta);
  }

  @Get(':id/host-link')
  @Access({ roles: [...ANY_ROLE], scopes: ['appointments:host'] })
  @ApiOperation({
    operationId: 'getHostLink',
    summary:
      "A fresh host (start) link from the vendor, for the appointment's provider or a clinic admin; never stored",
  })
  @ApiOkResponse({ type: HostLinkDto })
  async hostLink(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Meta() meta: RequestMeta,
  ): Promise<HostLinkDto> {
    const link = await this.hostLinks.mint(principal, id, meta);
    return { url: link.url, expiresAt: link.expiresAt.toISOString() };
  }
}
