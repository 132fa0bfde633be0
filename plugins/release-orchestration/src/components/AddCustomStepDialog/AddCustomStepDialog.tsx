import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import {
  AddCustomStepRequest,
  StepCategory,
  StepType,
  STEP_CATEGORIES,
  STEP_TYPES,
} from '@opshub/plugin-release-orchestration-common';
import { useState } from 'react';

/** A new custom step and where it goes. @internal */
export type CustomStepInput = AddCustomStepRequest & {
  /**
   * 0-based position in its category, undefined for the end. Only template
   * steps can be placed (by reordering the templates); the backend appends
   * custom steps of one customer to their category.
   */
  orderIndex?: number;
};

/** @internal */
export interface AddCustomStepDialogProps {
  customerName: string;
  /** The template steps of the release, to choose the insert position. */
  existingSteps: Array<{
    id: number;
    name: string;
    category: StepCategory;
    orderIndex: number;
  }>;
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
  const { customerName, existingSteps, onClose, onAdd } = props;
  const [name, setName] = useState('');
  const [category, setCategory] = useState<StepCategory>('deploy');
  const [type, setType] = useState<StepType>('bash');
  const [content, setContent] = useState('');
  const [position, setPosition] = useState<string>(END);
  const [addToTemplate, setAddToTemplate] = useState(false);
  const [busy, setBusy] = useState(false);

  const inCategory = existingSteps
    .filter(s => s.category === category)
    .sort((a, b) => a.orderIndex - b.orderIndex);
  const positions = inCategory.flatMap(s => [
    { value: `before:${s.orderIndex}`, label: `Before “${s.name}”` },
    { value: `after:${s.orderIndex}`, label: `After “${s.name}”` },
  ]);
  const valid = name.trim() !== '' && content.trim() !== '';

  const submit = async () => {
    let orderIndex: number | undefined;
    if (addToTemplate && position !== END) {
      const [where, index] = position.split(':');
      orderIndex = Number(index) + (where === 'after' ? 1 : 0);
    }
    setBusy(true);
    try {
      await onAdd({
        name: name.trim(),
        category,
        type,
        content,
        addToTemplate,
        orderIndex,
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>Add a step for {customerName}</DialogTitle>
      <DialogContent dividers>
        <TextField
          id="custom-step-name"
          label="Name"
          value={name}
          onChange={e => setName(e.target.value)}
          required
          fullWidth
          margin="dense"
        />
        <TextField
          select
          id="custom-step-category"
          label="Category"
          value={category}
          onChange={e => {
            setCategory(e.target.value as StepCategory);
            setPosition(END);
          }}
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
          id="custom-step-type"
          label="Type"
          value={type}
          onChange={e => setType(e.target.value as StepType)}
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
          id="custom-step-content"
          label="Content"
          value={content}
          onChange={e => setContent(e.target.value)}
          required
          fullWidth
          multiline
          minRows={4}
          margin="dense"
          variant="outlined"
          inputProps={{ style: { fontFamily: 'monospace' } }}
        />
        <FormControlLabel
          control={
            <Checkbox
              checked={addToTemplate}
              onChange={e => setAddToTemplate(e.target.checked)}
            />
          }
          label="Add to template (every customer of the release gets this step)"
        />
        <TextField
          select
          id="custom-step-insert-position"
          label="Insert position"
          value={addToTemplate ? position : END}
          onChange={e => setPosition(e.target.value)}
          fullWidth
          margin="dense"
          disabled={!addToTemplate}
          helperText={
            addToTemplate
              ? 'Where the new template step goes for every customer.'
              : 'A step for one customer goes at the end of its category.'
          }
        >
          <MenuItem value={END}>At the end of {category}</MenuItem>
          {positions.map(p => (
            <MenuItem key={p.value} value={p.value}>
              {p.label}
            </MenuItem>
          ))}
        </TextField>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={busy || !valid}
          onClick={submit}
        >
          Add step
        </Button>
      </DialogActions>
    </Dialog>
  );
};
