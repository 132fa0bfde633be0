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
  EnvironmentBadge,
} from './plugin';
export type { EnvironmentBadgeProps } from './components/EnvironmentBadge';
export { DevOpsDrawer } from './components/DevOpsDrawer';
export type { DevOpsDrawerProps } from './components/DevOpsDrawer';
export { devopsInspectorApiRef, DevopsInspectorClient } from './api';
export type { ActivityExportFile, DevopsInspectorApi } from './api';
export type {
  ActivityEntry,
  EnvironmentSummary,
  EnvironmentTier,
  TableSummary,
} from '@opshub/plugin-devops-inspector-common';
