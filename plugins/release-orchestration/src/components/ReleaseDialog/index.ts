export { ReleaseDialog } from './ReleaseDialog';
export type { ReleaseDialogProps, ReleaseFormValues } from './ReleaseDialog';
export { ReleaseEditDialogs } from './ReleaseEditDialogs';
export type {
  ReleaseEditDialog,
  ReleaseEditDialogsProps,
} from './ReleaseEditDialogs';
