import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@televisit/api-audit';
import { VaultModule } from '@televisit/api-vault';
import { AccessGuard } from './access/access.guard';
import { PrincipalResolver } from './access/principal.resolver';
import { ApiKeyEntity } from './api-keys/api-key.entity';
import { ApiKeyRateLimiter } from './api-keys/api-key-rate-limiter';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { ApiKeysService } from './api-keys/api-keys.service';
import { BookableProviders } from './users/bookable-providers';
import { BootstrapService } from './bootstrap/bootstrap.service';
import { ClinicEntity } from './clinics/clinic.entity';
import { ClinicMeetingSettings } from './clinics/clinic-meeting-settings';
import { ClinicsController } from './clinics/clinics.controller';
import { ClinicsService } from './clinics/clinics.service';
import { ConnectionEntity } from './connections/connection.entity';
import { ConnectionProviders } from './connections/connection-providers';
import { ConnectionTokens } from './connections/connection-tokens.service';
import { ConnectionsController } from './connections/connections.controller';
import { ConnectionsService } from './connections/connections.service';
import { OAuthStateEntity } from './connections/oauth-state.entity';
import { OAuthStateStore } from './connections/oauth-state.store';
import { AuthController } from './login/auth.controller';
import { LoginThrottleEntity } from './login/login-throttle.entity';
import { LoginThrottleService } from './login/login-throttle.service';
import { LoginService } from './login/login.service';
import { SessionJanitor } from './sessions/session-janitor';
import { SessionEntity } from './sessions/session.entity';
import { SessionsService } from './sessions/sessions.service';
import { UserEntity } from './users/user.entity';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';

/**
 * Who is calling and what they may touch: clinics, users, sessions, API keys, the global
 * deny-by-default guard, and the vendor-neutral half of the OAuth connect flow.
 */
@Module({
  imports: [
    AuditModule,
    VaultModule,
    TypeOrmModule.forFeature([
      ClinicEntity,
      UserEntity,
      SessionEntity,
      ApiKeyEntity,
      LoginThrottleEntity,
      ConnectionEntity,
      OAuthStateEntity,
    ]),
  ],
  controllers: [AuthController, ClinicsController, UsersController, ApiKeysController, ConnectionsController],
  providers: [
    { provide: APP_GUARD, useClass: AccessGuard },
    PrincipalResolver,
    SessionsService,
    SessionJanitor,
    LoginService,
    LoginThrottleService,
    ClinicsService,
    UsersService,
    ApiKeysService,
    ApiKeyRateLimiter,
    BootstrapService,
    OAuthStateStore,
    ConnectionProviders,
    ConnectionsService,
    ConnectionTokens,
    BookableProviders,
    ClinicMeetingSettings,
  ],
  exports: [
    TypeOrmModule,
    BootstrapService,
    SessionsService,
    ClinicsService,
    ConnectionProviders,
    ConnectionsService,
    ConnectionTokens,
    BookableProviders,
    ClinicMeetingSettings,
  ],
})
export class AuthModule {}
