/**
 * The OpsHub devops-inspector backend plugin: configured environments with
 * the live status of their databases, their tables, and an activity log.
 *
 * @packageDocumentation
 */

export { devopsInspectorPlugin as default } from './plugin';
