export { StatusCounts, STATUS_LABELS } from './StatusCounts';
