/**
 * The OpsHub release-orchestration backend plugin: clusters, customers,
 * releases with step templates, per-customer steps, the matrix, progress,
 * history and exports.
 *
 * @packageDocumentation
 */

export { releaseOrchestrationPlugin as default } from './plugin';
