export * from './zoom.module';
export { nextUtcMidnight, zoomDailyCapReset } from './zoom-daily-cap';
