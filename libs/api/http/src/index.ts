export * from './decorrelated-jitter';
export * from './http-client';
export * from './http-client.module';
export * from './http-errors';
export * from './http-request';
export * from './retry-after';
