export { StepFields, useStepFields } from './StepFields';
export type { StepFieldsProps, StepFieldValues } from './StepFields';
