export { ReleaseHistory } from './ReleaseHistory';
export type { ReleaseHistoryProps } from './ReleaseHistory';
export { describeEvent } from './describeEvent';
