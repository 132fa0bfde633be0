/**
 * The OpsHub release-orchestration backend plugin: the clusters that releases
 * are rolled out to and the customers that live on them.
 *
 * @packageDocumentation
 */

export { releaseOrchestrationPlugin as default } from './plugin';
export type { ReleaseStore, CustomerFilter } from './database/ReleaseStore';
