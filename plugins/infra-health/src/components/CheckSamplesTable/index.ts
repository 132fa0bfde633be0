export { CheckSamplesTable } from './CheckSamplesTable';
export type { CheckSamplesTableProps } from './CheckSamplesTable';
