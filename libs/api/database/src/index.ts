export * from './data-source-options';
export * from './database-readiness.check';
export * from './database.module';
export * from './migrate';
export { MIGRATIONS } from './migrations';
