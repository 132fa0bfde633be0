export { devopsInspectorApiRef } from './DevopsInspectorApi';
export type {
  ActivityExportFile,
  SnapshotFile,
  DevopsInspectorApi,
} from './DevopsInspectorApi';
export { DevopsInspectorClient } from './DevopsInspectorClient';
