export { SchemaCompare, toCsv } from './SchemaCompare';
