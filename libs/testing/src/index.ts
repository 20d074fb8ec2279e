export * from './api-process';
export * from './databases';
export * from './services';
export * from './wait-for';
