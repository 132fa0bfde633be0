export { CompareProgress } from './CompareProgress';
export type { CompareProgressProps } from './CompareProgress';
