export * from './common/call-log';
export * from './common/knobs';
export * from './common/sandbox-options';
export * from './sandbox';
export * from './server';
export * from './zoom/zoom-fake';
export * from './google/google-fake';
