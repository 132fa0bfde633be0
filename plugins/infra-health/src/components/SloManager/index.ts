export { SloManager } from './SloManager';
export type { SloManagerProps } from './SloManager';
