export { DatabaseStatusList } from './DatabaseStatusList';
