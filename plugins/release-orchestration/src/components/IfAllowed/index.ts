export { IfAllowed } from './IfAllowed';
