export * from './http-client.module';
