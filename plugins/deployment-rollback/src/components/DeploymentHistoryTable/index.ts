export { DeploymentHistoryTable } from './DeploymentHistoryTable';
