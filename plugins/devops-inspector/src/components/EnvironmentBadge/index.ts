export { EnvironmentBadge } from './EnvironmentBadge';
export type { EnvironmentBadgeProps } from './EnvironmentBadge';
