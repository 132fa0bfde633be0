export {
  AcknowledgeDialog,
  EscalateDialog,
  ResolveDialog,
} from './AlertDialogs';
export type { AlertDialogProps } from './AlertDialogs';
