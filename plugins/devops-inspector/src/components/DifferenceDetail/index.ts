export { DifferenceDetail } from './DifferenceDetail';
export type { DifferenceDetailProps } from './DifferenceDetail';
