/**
 * The OpsHub release-orchestration frontend plugin: releases rolled out
 * step by step to the customers of every cluster, as a page (releases,
 * wizard, dashboard, template steps, clusters, customers), entity tabs for
 * clusters and for the Components or Systems that releases ship, and an
 * entity card.
 *
 * @packageDocumentation
 */

export {
  releaseOrchestrationPlugin,
  ReleaseOrchestrationPage,
  EntityReleaseClusterContent,
  EntityReleaseClusterCard,
  EntityReleasesContent,
  isReleaseOrchestrationAvailable,
  isReleaseComponentAvailable,
} from './plugin';
export { releaseOrchestrationApiRef, ReleaseOrchestrationClient } from './api';
export type {
  ListReleasesOptions,
  PageOptions,
  ReleaseExportFile,
  ReleaseExportFormat,
  ReleaseOrchestrationApi,
} from './api';
