export {
  ReleaseFields,
  releaseFieldValues,
  releaseRequestFields,
  validateReleaseFields,
} from './ReleaseFields';
export type {
  ReleaseFieldErrors,
  ReleaseFieldValues,
  ReleaseFieldsProps,
} from './ReleaseFields';
