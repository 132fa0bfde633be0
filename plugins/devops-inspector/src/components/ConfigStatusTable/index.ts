export { ConfigStatusTable } from './ConfigStatusTable';
