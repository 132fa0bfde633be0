export { TemplateStepsManager } from './TemplateStepsManager';
