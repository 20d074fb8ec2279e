import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentPrincipal, type Principal } from '@televisit/api-core';
import { AppointmentTimeline } from './appointment-timeline';
import { TimelineDto } from './dto/timeline.dto';

@ApiTags('appointments')
@Controller('api/v1/appointments')
export class TimelineController {
  constructor(private readonly timeline: AppointmentTimeline) {}

  @Get(':id/timeline')
  @Access({ roles: ['platform_admin', 'clinic_admin', 'provider'], scopes: ['appointments:read'] })
  @ApiOperation({
    operationId: 'getAppointmentTimeline',
    summary:
      'What happened in the vendor meeting, oldest first: started, participants joined and left (role only), ended, deleted',
  })
  @ApiOkResponse({ type: TimelineDto })
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<TimelineDto> {
    return { data: await this.timeline.list(principal, id) };
  }
}
