export { EntityInfraHealthContent } from './EntityInfraHealthContent';
