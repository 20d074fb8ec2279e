export * from './seal';
export * from './vault';
export * from './vault.module';
