export { StepDetailPanel, stepSource } from './StepDetailPanel';
export type { StepDetailPanelProps } from './StepDetailPanel';
