export { HealthSummary, HealthSummaryView } from './HealthSummary';
