export { FormDialog, trimOrNull } from './FormDialog';
export type { FormDialogProps } from './FormDialog';
