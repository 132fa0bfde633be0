export { releaseOrchestrationApiRef } from './ReleaseOrchestrationApi';
export type { ReleaseOrchestrationApi } from './ReleaseOrchestrationApi';
export { ReleaseOrchestrationClient } from './ReleaseOrchestrationClient';
