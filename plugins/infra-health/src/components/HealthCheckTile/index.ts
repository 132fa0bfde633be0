export { HealthCheckTile } from './HealthCheckTile';
export type { HealthCheckTileProps } from './HealthCheckTile';
