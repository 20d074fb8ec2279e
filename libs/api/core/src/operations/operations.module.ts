import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';
import { READINESS_CHECKS, type ReadinessCheck } from './readiness';

/** /healthz, /readyz and /metrics. Readiness asks the checks given here (their modules are global). */
@Module({})
export class OperationsModule {
  static forRoot(checks: Array<Type<ReadinessCheck>>): DynamicModule {
    return {
      module: OperationsModule,
      controllers: [HealthController, MetricsController],
      providers: [
        MetricsService,
        { provide: READINESS_CHECKS, useFactory: (...all: ReadinessCheck[]) => all, inject: checks },
      ],
      exports: [MetricsService],
    };
  }
}
