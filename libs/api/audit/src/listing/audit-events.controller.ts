import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, clinicScope, CurrentPrincipal, type Principal } from '@televisit/api-core';
import { AuditEventsReader } from './audit-events.reader';
import { AuditEventPageDto, ListAuditEventsQueryDto } from './list-audit-events.dto';

@ApiTags('audit')
@Controller('api/v1/audit-events')
export class AuditEventsController {
  constructor(private readonly reader: AuditEventsReader) {}

  @Get()
  @Access({ roles: ['platform_admin', 'clinic_admin'] })
  @ApiOperation({
    operationId: 'listAuditEvents',
    summary: 'The audit log, newest first',
    description:
      "Platform admins see every event; clinic admins their own clinic's only (a clinicId of another clinic yields an empty page). Keyset pagination: pass nextCursor back as cursor.",
  })
  @ApiOkResponse({ type: AuditEventPageDto })
  @ApiBadRequestResponse({ description: 'validation_failed (every bad parameter listed) or invalid_cursor' })
  listAuditEvents(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListAuditEventsQueryDto,
  ): Promise<AuditEventPageDto> {
    return this.reader.list(clinicScope(principal), query);
  }
}
