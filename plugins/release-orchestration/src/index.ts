/**
 * The OpsHub release-orchestration frontend plugin: the clusters that
 * releases are rolled out to and their customers, as a page, an entity tab
 * and an entity card.
 *
 * @packageDocumentation
 */

export {
  releaseOrchestrationPlugin,
  ReleaseOrchestrationPage,
  EntityReleaseClusterContent,
  EntityReleaseClusterCard,
  isReleaseOrchestrationAvailable,
} from './plugin';
export { releaseOrchestrationApiRef, ReleaseOrchestrationClient } from './api';
export type { ReleaseOrchestrationApi } from './api';
