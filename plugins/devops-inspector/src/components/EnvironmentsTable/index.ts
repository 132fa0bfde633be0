export { DatabaseStatusChip, EnvironmentsTable } from './EnvironmentsTable';
export type { EnvironmentsTableProps } from './EnvironmentsTable';
