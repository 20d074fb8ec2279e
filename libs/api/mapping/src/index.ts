export * from './mapping.module';
export * from './video-provider/video-provider.port';
export * from './video-provider/video-providers';
export * from './timeline/appointment-timeline';
export * from './timeline/timeline-kinds';
export * from './timeline/webhook-inbox';
export { JoinLinkRoute } from './join-links/join-link.route';
