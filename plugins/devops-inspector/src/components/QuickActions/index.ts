export { QuickActions } from './QuickActions';
export type { QuickActionsProps } from './QuickActions';
