/**
 * UI pieces shared by the OpsHub frontend plugins.
 *
 * @packageDocumentation
 */

export { OpshubClientBase } from './api/OpshubClientBase';
export type { OpshubClientOptions } from './api/OpshubClientBase';
export { AsyncView } from './components/AsyncView';
export type { AsyncViewProps } from './components/AsyncView';
export { StatusChip, statusTone } from './components/StatusChip';
export type { StatusChipProps, StatusTone } from './components/StatusChip';
export { Pager, usePaging } from './components/Pager';
export type { PagerProps, PagingState } from './components/Pager';
export { CodeBlock } from './components/CodeBlock';
export type { CodeBlockProps } from './components/CodeBlock';
export {
  UNKNOWN_TEXT,
  formatBytes,
  formatDuration,
  formatLatency,
  formatPercent,
  formatRelativeTime,
  formatTime,
} from './format';
export { FormDialog, trimOrNull } from './components/FormDialog';
export type { FormDialogProps } from './components/FormDialog';
export { PagedTable } from './components/PagedTable';
export type { PagedTableProps } from './components/PagedTable';
export { saveFile } from './download';
export type { DownloadedFile } from './download';
export { useMutation } from './hooks/useMutation';
export type { MutationState, UseMutationOptions } from './hooks/useMutation';
