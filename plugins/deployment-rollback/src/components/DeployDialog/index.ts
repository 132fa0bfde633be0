export { DeployDialog } from './DeployDialog';
