export { DevopsInspectorPage } from './DevopsInspectorPage';
