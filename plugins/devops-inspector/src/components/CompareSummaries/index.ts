export { CompareSummaries } from './CompareSummaries';
export type { CompareSummariesProps } from './CompareSummaries';
