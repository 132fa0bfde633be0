// the shared frame of the OpsHub form dialogs
export { FormDialog, trimOrNull } from '@opshub/opshub-react';
export type { FormDialogProps } from '@opshub/opshub-react';
