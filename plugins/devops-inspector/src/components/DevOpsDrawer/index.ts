export { DevOpsDrawer } from './DevOpsDrawer';
export type { DevOpsDrawerProps } from './DevOpsDrawer';
