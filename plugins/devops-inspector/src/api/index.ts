export { devopsInspectorApiRef } from './DevopsInspectorApi';
export type { DevopsInspectorApi } from './DevopsInspectorApi';
export { DevopsInspectorClient } from './DevopsInspectorClient';
