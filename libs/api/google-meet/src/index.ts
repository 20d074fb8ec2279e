export * from './google-meet.module';
