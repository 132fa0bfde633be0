export { EntityInfraHealthCard } from './EntityInfraHealthCard';
