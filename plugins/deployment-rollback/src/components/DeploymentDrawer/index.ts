export { DeploymentDrawer } from './DeploymentDrawer';
