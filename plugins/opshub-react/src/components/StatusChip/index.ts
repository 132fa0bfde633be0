export { StatusChip, statusTone } from './StatusChip';
export type { StatusChipProps, StatusTone } from './StatusChip';
