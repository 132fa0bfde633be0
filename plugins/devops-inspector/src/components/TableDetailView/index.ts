export { TableDetailView } from './TableDetailView';
