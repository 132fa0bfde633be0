export { ReleaseMatrix } from './ReleaseMatrix';
export type { ReleaseMatrixProps } from './ReleaseMatrix';
export { MatrixGrid } from './MatrixGrid';
export type { MatrixGridProps, QuickAction } from './MatrixGrid';
export { BulkActionBar } from './BulkActionBar';
export type { BulkActionBarProps, MatrixBulkAction } from './BulkActionBar';
