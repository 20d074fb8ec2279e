export * from './data-source-options';
export * from './database-readiness.check';
export * from './database.module';
export * from './migrate';
export * from './reseal';
export * from './run-in-transaction';
export * from './sealed-columns';
export * from './unique-violation';
export { MIGRATIONS } from './migrations';
