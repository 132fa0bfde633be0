/**
 * The OpsHub devops-inspector frontend plugin: configured environments with
 * the live status of their databases and their tables, as a page, an entity
 * tab and an entity card for database Resources.
 *
 * @packageDocumentation
 */

export {
  devopsInspectorPlugin,
  DevopsInspectorPage,
  EntityDevopsInspectorContent,
  EntityDevopsInspectorCard,
  isDevopsInspectorAvailable,
} from './plugin';
export { devopsInspectorApiRef, DevopsInspectorClient } from './api';
export type { DevopsInspectorApi } from './api';
export type {
  ActivityEntry,
  EnvironmentSummary,
  EnvironmentTier,
  TableSummary,
} from '@opshub/plugin-devops-inspector-common';
