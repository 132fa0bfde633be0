export { EntityAlerts } from './EntityAlerts';
