import { Release } from '@opshub/plugin-release-orchestration-common';
import { useState } from 'react';
import { FormDialog } from '../FormDialog';
import {
  ReleaseFields,
  ReleaseFieldValues,
  releaseFieldValues,
  releaseRequestFields,
  validateReleaseFields,
} from '../ReleaseFields';

/** What the edit dialog saves: every field, empty optional ones null. @internal */
export type ReleaseFormValues = ReturnType<typeof releaseRequestFields>;

/** @internal */
export interface ReleaseDialogProps {
  release: Release;
  onClose: () => void;
  /** Called once per click; the dialog closes itself only on `onClose`. */
  onSave: (values: ReleaseFormValues) => Promise<void>;
}

/**
 * Edits the details of a draft or active release: name, type, version
 * number, date, description and the entity it ships. Problems show under
 * their fields and keep Save disabled.
 *
 * @internal
 */
export const ReleaseDialog = (props: ReleaseDialogProps) => {
  const { release, onClose, onSave } = props;
  const [values, setValues] = useState<ReleaseFieldValues>(
    releaseFieldValues(release),
  );
  const errors = validateReleaseFields(values);
  return (
    <FormDialog
      title={`Edit release ${release.name}`}
      canSubmit={Object.keys(errors).length === 0}
      onClose={onClose}
      onSubmit={() => onSave(releaseRequestFields(values))}
    >
      <ReleaseFields
        values={values}
        onChange={patch => setValues(v => ({ ...v, ...patch }))}
        errors={errors}
      />
    </FormDialog>
  );
};
