export * from './auth.module';
export * from './bootstrap/bootstrap.service';
export * from './clinics/clinic.entity';
export * from './connections/connection-provider.port';
export * from './users/user.entity';
