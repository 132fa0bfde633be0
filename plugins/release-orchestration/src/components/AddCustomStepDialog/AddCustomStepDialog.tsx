import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import {
  AddCustomStepRequest,
  StepCategory,
} from '@opshub/plugin-release-orchestration-common';
import { useState } from 'react';
import { FormDialog } from '../FormDialog';
import { StepFields, StepFieldValues, useStepFields } from '../StepFields';

/** A new custom step and where it goes. @internal */
export type CustomStepInput = AddCustomStepRequest;

/** A step the new one can go before or after. @internal */
export interface PlaceableStep {
  id: number;
  name: string;
  category: StepCategory;
  orderIndex: number;
}

/** @internal */
export interface AddCustomStepDialogProps {
  customerName: string;
  /** The customer's steps, for the insert position of a step for them. */
  customerSteps: PlaceableStep[];
  /** The template steps of the release, for the position of a template. */
  templates: PlaceableStep[];
  onClose: () => void;
  onAdd: (input: CustomStepInput) => Promise<void>;
}

const END = 'end';

/**
 * Adds a step to one customer: name, category, type, content, where it goes
 * (before or after an existing step, or at the end) and whether it is also
 * added to the template, so that every customer gets it.
 *
 * @internal
 */
export const AddCustomStepDialog = (props: AddCustomStepDialogProps) => {
  const { customerName, customerSteps, templates, onClose, onAdd } = props;
  const { values, change, valid } = useStepFields();
  const { category } = values;
  const [positionKey, setPositionKey] = useState<string>(END);
  const [addToTemplate, setAddToTemplate] = useState(false);

  const inCategory = (addToTemplate ? templates : customerSteps)
    .filter(s => s.category === category)
    .sort((a, b) => a.orderIndex - b.orderIndex || a.id - b.id);
  const positions = inCategory.flatMap((s, i) => [
    { value: `before:${i}`, label: `Before “${s.name}”` },
    { value: `after:${i}`, label: `After “${s.name}”` },
  ]);
  const changeFields = (patch: Partial<StepFieldValues>) => {
    change(patch);
    if (patch.category !== undefined) {
      setPositionKey(END);
    }
  };

  const submit = () => {
    let position: number | undefined;
    if (positionKey !== END) {
      const [where, index] = positionKey.split(':');
      position = Number(index) + (where === 'after' ? 1 : 0);
    }
    return onAdd({
      ...values,
      name: values.name.trim(),
      addToTemplate,
      position,
    });
  };

  return (
    <FormDialog
      title={`Add a step for ${customerName}`}
      submitLabel="Add step"
      canSubmit={valid}
      onClose={onClose}
      onSubmit={submit}
    >
      <StepFields
        idPrefix="custom-step"
        values={values}
        onChange={changeFields}
      />
      <FormControlLabel
        control={
          <Checkbox
            checked={addToTemplate}
            onChange={e => {
              setAddToTemplate(e.target.checked);
              setPositionKey(END);
            }}
          />
        }
        label="Add to template (every customer of the release gets this step)"
      />
      <TextField
        select
        id="custom-step-insert-position"
        data-testid="custom-step-insert-position"
        label="Insert position"
        value={positionKey}
        onChange={e => setPositionKey(e.target.value)}
        fullWidth
        margin="dense"
        helperText={
          addToTemplate
            ? 'Where the new template step goes for every customer.'
            : `Where the step goes among ${customerName}'s steps; later steps move down.`
        }
      >
        <MenuItem value={END}>At the end of {category}</MenuItem>
        {positions.map(p => (
          <MenuItem key={p.value} value={p.value}>
            {p.label}
          </MenuItem>
        ))}
      </TextField>
    </FormDialog>
  );
};
