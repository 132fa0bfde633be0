export { SortableStepList } from './SortableStepList';
export type { SortableStepListProps } from './SortableStepList';
