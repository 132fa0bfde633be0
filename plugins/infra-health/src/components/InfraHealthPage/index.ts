export { InfraHealthPage } from './InfraHealthPage';
