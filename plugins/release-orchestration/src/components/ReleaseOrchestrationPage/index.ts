export { ReleaseOrchestrationPage } from './ReleaseOrchestrationPage';
