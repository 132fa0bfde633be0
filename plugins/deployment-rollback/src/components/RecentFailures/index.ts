export { RecentFailures } from './RecentFailures';
