export * from './mapping.module';
export * from './video-provider/video-provider.port';
