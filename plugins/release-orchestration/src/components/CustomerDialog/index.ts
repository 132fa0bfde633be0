export { CustomerDialog } from './CustomerDialog';
export type { CustomerDialogProps, CustomerFormValues } from './CustomerDialog';
