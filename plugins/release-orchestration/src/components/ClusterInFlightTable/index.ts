export { ClusterInFlightTable } from './ClusterInFlightTable';
