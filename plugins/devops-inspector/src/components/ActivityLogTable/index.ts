export { ActivityLogTable } from './ActivityLogTable';
