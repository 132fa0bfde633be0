export { StatusTimeline } from './StatusTimeline';
export type { StatusPoint } from './StatusTimeline';
