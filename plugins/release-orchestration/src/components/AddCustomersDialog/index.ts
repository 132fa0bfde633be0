export { AddCustomersDialog } from './AddCustomersDialog';
export type { AddCustomersDialogProps } from './AddCustomersDialog';
