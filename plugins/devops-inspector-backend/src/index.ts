/**
 * The OpsHub devops-inspector backend plugin: configured environments with
 * the live status of their databases, their tables, and an activity log.
 *
 * @packageDocumentation
 */

export { devopsInspectorPlugin as default } from './plugin';
export type { ActivityStore, NewActivityEntry } from './database/ActivityStore';
export {
  inspectorEnvironmentResourceRef,
  isEnvironmentTier,
  inspectorEnvironmentRules,
  inspectorEnvironmentConditions,
  createInspectorEnvironmentConditionalDecision,
} from './permissions/rules';
export type {
  InspectorEnvironmentResource,
  InspectorEnvironmentQuery,
} from './permissions/rules';
export { runCli as runInspectorCli } from './cli/run';
export type { CliIo } from './cli/run';
