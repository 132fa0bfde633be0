export { ClusterCustomersTable } from './ClusterCustomersTable';
