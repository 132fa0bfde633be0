export { devopsInspectorApiRef } from './DevopsInspectorApi';
export type {
  ActivityExportFile,
  DevopsInspectorApi,
} from './DevopsInspectorApi';
export { DevopsInspectorClient } from './DevopsInspectorClient';
