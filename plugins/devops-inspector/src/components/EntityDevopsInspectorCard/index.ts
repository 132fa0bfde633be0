export { EntityDevopsInspectorCard } from './EntityDevopsInspectorCard';
