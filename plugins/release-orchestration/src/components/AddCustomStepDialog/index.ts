export { AddCustomStepDialog } from './AddCustomStepDialog';
export type {
  AddCustomStepDialogProps,
  CustomStepInput,
} from './AddCustomStepDialog';
