export { TemplateStepDialog } from './TemplateStepDialog';
export type { TemplateStepDialogProps } from './TemplateStepDialog';
