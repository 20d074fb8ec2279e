import { Controller, Get, Header, HttpCode, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { zodDto } from '../openapi/zod-dto';
import { Public } from '../access/access.decorator';
import { APP_VERSION } from '../version';
import {
  evaluateReadiness,
  healthSchema,
  READINESS_CHECKS,
  type ReadinessCheck,
  readinessSchema,
} from './readiness';

class Health extends zodDto(healthSchema) {}
class Readiness extends zodDto(readinessSchema) {}

const startedAt = Date.now();

@ApiTags('operations')
@Public()
@Controller()
export class HealthController {
  constructor(@Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[]) {}

  @Get('healthz')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ operationId: 'getHealth', summary: 'The process is up' })
  @ApiOkResponse({ type: Health })
  health(): Health {
    return { status: 'ok' };
  }

  @Get('readyz')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ operationId: 'getReadiness', summary: 'The database is reachable and migrated' })
  @ApiOkResponse({ type: Readiness, description: 'Ready for traffic' })
  @ApiServiceUnavailableResponse({ type: Readiness, description: 'Not ready; see the failing check' })
  async readiness(@Res({ passthrough: true }) res: Response): Promise<Readiness> {
    const body = await evaluateReadiness(
      this.checks,
      APP_VERSION,
      Math.round((Date.now() - startedAt) / 1000),
    );
    res.status(body.status === 'ready' ? 200 : 503);
    return body;
  }
}
