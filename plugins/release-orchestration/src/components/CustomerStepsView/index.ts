export { CustomerStepsView } from './CustomerStepsView';
