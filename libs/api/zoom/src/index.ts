export * from './zoom.module';
