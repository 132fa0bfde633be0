export { EntityDevopsInspectorContent } from './EntityDevopsInspectorContent';
