export { ReleaseWizard } from './ReleaseWizard';
