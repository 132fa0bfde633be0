export { RecentLogs } from './RecentLogs';
export type { RecentLogsProps } from './RecentLogs';
