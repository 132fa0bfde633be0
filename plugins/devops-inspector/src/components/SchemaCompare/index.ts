export { SchemaCompare, toCsv } from './SchemaCompare';
export type { SchemaCompareProps } from './SchemaCompare';
