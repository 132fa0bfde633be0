export { ActivateReleaseDialog } from './ActivateReleaseDialog';
export type { ActivateReleaseDialogProps } from './ActivateReleaseDialog';
