export { releaseOrchestrationApiRef } from './ReleaseOrchestrationApi';
export type {
  ListReleasesOptions,
  PageOptions,
  ReleaseExportFile,
  ReleaseExportFormat,
  ReleaseOrchestrationApi,
} from './ReleaseOrchestrationApi';
export { ReleaseOrchestrationClient } from './ReleaseOrchestrationClient';
