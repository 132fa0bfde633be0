export { DataCheck } from './DataCheck';
