export { ProcessMetricsPanel, ProcessMetricsView } from './ProcessMetricsPanel';
