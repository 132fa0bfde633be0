export { releaseOrchestrationApiRef } from './ReleaseOrchestrationApi';
export type {
  ListReleasesOptions,
  PageOptions,
  ReleaseOrchestrationApi,
} from './ReleaseOrchestrationApi';
export { ReleaseOrchestrationClient } from './ReleaseOrchestrationClient';
