export { ClusterDialog } from './ClusterDialog';
export type { ClusterDialogProps, ClusterFormValues } from './ClusterDialog';
