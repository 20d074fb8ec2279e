export * from './auth.module';
export * from './clinics/clinic.entity';
export * from './connections/connection-provider.port';
