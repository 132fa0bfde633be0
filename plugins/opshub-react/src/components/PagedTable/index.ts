export { PagedTable } from './PagedTable';
export type { PagedTableProps } from './PagedTable';
