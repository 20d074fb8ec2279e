export * from './data-source-options';
export * from './database-readiness.check';
export * from './database.module';
export * from './migrate';
export * from './run-in-transaction';
export * from './unique-violation';
export { MIGRATIONS } from './migrations';
