import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import {
  StepCategory,
  StepType,
  STEP_CATEGORIES,
  STEP_TYPES,
} from '@opshub/plugin-release-orchestration-common';
import { useState } from 'react';

/** The fields every step form has. @internal */
export interface StepFieldValues {
  name: string;
  category: StepCategory;
  type: StepType;
  content: string;
}

/** Form state of {@link StepFields}, with its validity. @internal */
export function useStepFields(initial: Partial<StepFieldValues> = {}) {
  const [values, setValues] = useState<StepFieldValues>({
    name: initial.name ?? '',
    category: initial.category ?? 'deploy',
    type: initial.type ?? 'bash',
    content: initial.content ?? '',
  });
  const change = (patch: Partial<StepFieldValues>) =>
    setValues(current => ({ ...current, ...patch }));
  const valid = values.name.trim() !== '' && values.content.trim() !== '';
  return { values, change, valid };
}

/** @internal */
export interface StepFieldsProps {
  /** Prefix of the input ids, e.g. `template` gives `template-name`. */
  idPrefix: string;
  values: StepFieldValues;
  onChange: (patch: Partial<StepFieldValues>) => void;
  /** A template's category is fixed once it exists. */
  categoryDisabled?: boolean;
}

/**
 * Name, category, type and content of a step, shared by the template and
 * custom step dialogs.
 *
 * @internal
 */
export const StepFields = (props: StepFieldsProps) => {
  const { idPrefix, values, onChange, categoryDisabled } = props;
  return (
    <>
      <TextField
        id={`${idPrefix}-name`}
        label="Name"
        value={values.name}
        onChange={e => onChange({ name: e.target.value })}
        required
        fullWidth
        margin="dense"
      />
      <TextField
        select
        id={`${idPrefix}-category`}
        label="Category"
        value={values.category}
        disabled={categoryDisabled}
        onChange={e => onChange({ category: e.target.value as StepCategory })}
        fullWidth
        margin="dense"
      >
        {STEP_CATEGORIES.map(c => (
          <MenuItem key={c} value={c}>
            {c}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        id={`${idPrefix}-type`}
        label="Type"
        value={values.type}
        onChange={e => onChange({ type: e.target.value as StepType })}
        fullWidth
        margin="dense"
      >
        {STEP_TYPES.map(t => (
          <MenuItem key={t} value={t}>
            {t}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        id={`${idPrefix}-content`}
        label="Content"
        value={values.content}
        onChange={e => onChange({ content: e.target.value })}
        required
        fullWidth
        multiline
        minRows={5}
        margin="dense"
        variant="outlined"
        inputProps={{ style: { fontFamily: 'monospace' } }}
      />
    </>
  );
};
