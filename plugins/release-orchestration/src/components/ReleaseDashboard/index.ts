export { ReleaseDashboard } from './ReleaseDashboard';
