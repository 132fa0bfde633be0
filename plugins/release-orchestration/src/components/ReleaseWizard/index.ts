export { ReleaseWizard, validateDetails } from './ReleaseWizard';
