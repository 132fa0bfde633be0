/**
 * The OpsHub deployment-rollback backend plugin: deployment history and the
 * current version per environment.
 *
 * @packageDocumentation
 */

export { deploymentRollbackPlugin as default } from './plugin';
