export { LatencyChart } from './LatencyChart';
export type { LatencyPoint } from './LatencyChart';
