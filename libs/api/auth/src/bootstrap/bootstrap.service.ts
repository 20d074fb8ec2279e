import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AuditService } from '@televisit/api-audit';
import { APP_CONFIG, type AppConfig, type Role } from '@televisit/api-core';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource, type EntityManager } from 'typeorm';
import { ClinicEntity } from '../clinics/clinic.entity';
import { hashPassword } from '../passwords/password-hasher';
import { UserEntity } from '../users/user.entity';
import { runInTransaction } from '@televisit/api-database';

export interface DemoLogin {
  role: Role;
  name: string;
  email: string;
  password: string;
}

const DEMO_FILE = 'demo-logins.json';
const DEMO_USERS: Array<Omit<DemoLogin, 'password'>> = [
  { role: 'clinic_admin', name: 'Alex Admin', email: 'admin@demo-clinic.test' },
  { role: 'provider', name: 'Dr. Ada Lovelace', email: 'ada@demo-clinic.test' },
  { role: 'provider', name: 'Dr. Ben Carson', email: 'ben@demo-clinic.test' },
];

/**
 * At start: the platform admin from BOOTSTRAP_ADMIN_* when no user exists yet; and in embedded
 * development mode (npm start) a demo clinic with a clinic admin and two providers, whose generated
 * passwords are kept in DATA_DIR/demo-logins.json (mode 0600) and printed on every start.
 */
@Injectable()
export class BootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Bootstrap');
  demoLogins: DemoLogin[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.createPlatformAdmin();
    if (this.config.nodeEnv === 'development') await this.seedDemo();
  }

  private async createPlatformAdmin(): Promise<void> {
    const admin = this.config.bootstrapAdmin;
    if (!admin || (await this.dataSource.getRepository(UserEntity).count()) > 0) return;
    const passwordHash = await hashPassword(admin.password);
    await runInTransaction(this.dataSource, (manager) =>
      this.createUser(
        manager,
        null,
        { role: 'platform_admin', name: 'Platform admin', email: admin.email },
        passwordHash,
      ),
    );
    this.logger.log(`created the platform admin ${admin.email}`);
  }

  private async seedDemo(): Promise<void> {
    const file = join(this.config.dataDir, DEMO_FILE);
    if ((await this.dataSource.getRepository(ClinicEntity).count()) > 0) {
      if (existsSync(file)) this.demoLogins = JSON.parse(readFileSync(file, 'utf8')) as DemoLogin[];
      return;
    }
    const logins = DEMO_USERS.map((user) => ({ ...user, password: randomBytes(12).toString('base64url') }));
    const hashes = await Promise.all(logins.map((login) => hashPassword(login.password)));
    await runInTransaction(this.dataSource, async (manager) => {
      const clinic = await manager.save(
        manager.create(ClinicEntity, {
          id: randomUUID(),
          name: 'Demo Family Clinic',
          timezone: 'Europe/Berlin',
        }),
      );
      await this.audit.record(manager, {
        actor: { kind: 'system' },
        clinicId: clinic.id,
        action: 'clinic.created',
        target: { type: 'clinic', id: clinic.id },
        outcome: 'success',
      });
      for (const [index, login] of logins.entries()) {
        await this.createUser(manager, clinic.id, login, hashes[index] as string);
      }
    });
    writeFileSync(file, JSON.stringify(logins, null, 2), { mode: 0o600 });
    chmodSync(file, 0o600);
    this.demoLogins = logins;
  }

  private async createUser(
    manager: EntityManager,
    clinicId: string | null,
    user: Omit<DemoLogin, 'password'>,
    passwordHash: string,
  ): Promise<void> {
    const saved = await manager.save(
      manager.create(UserEntity, {
        id: randomUUID(),
        clinicId,
        ...user,
        passwordHash,
        zoomUser: null,
        disabledAt: null,
      }),
    );
    await this.audit.record(manager, {
      actor: { kind: 'system' },
      clinicId,
      action: 'user.created',
      target: { type: 'user', id: saved.id },
      outcome: 'success',
      details: { role: saved.role },
    });
  }
}
