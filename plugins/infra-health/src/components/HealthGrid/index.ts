export { HealthGrid } from './HealthGrid';
export type { HealthGridProps } from './HealthGrid';
