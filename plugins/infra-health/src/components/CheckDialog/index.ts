export { CheckDialog } from './CheckDialog';
