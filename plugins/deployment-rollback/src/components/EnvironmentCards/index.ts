export { EnvironmentCards, EnvironmentCard } from './EnvironmentCards';
