export * from './api-process';
export * from './databases';
export * from './services';
