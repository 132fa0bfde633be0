import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import {
  CreateTemplateRequest,
  StepCategory,
  StepTemplate,
  StepType,
  STEP_CATEGORIES,
  STEP_TYPES,
} from '@opshub/plugin-release-orchestration-common';
import { useState } from 'react';

/** @internal */
export interface TemplateStepDialogProps {
  /** The template to edit; a new one when undefined. */
  template?: StepTemplate;
  defaultCategory?: StepCategory;
  onClose: () => void;
  onSave: (fields: CreateTemplateRequest) => Promise<void>;
}

/**
 * Creates or edits a template step: name, category (fixed once created),
 * type, content and description.
 *
 * @internal
 */
export const TemplateStepDialog = (props: TemplateStepDialogProps) => {
  const { template, defaultCategory, onClose, onSave } = props;
  const [name, setName] = useState(template?.name ?? '');
  const [category, setCategory] = useState<StepCategory>(
    template?.category ?? defaultCategory ?? 'deploy',
  );
  const [type, setType] = useState<StepType>(template?.type ?? 'bash');
  const [content, setContent] = useState(template?.content ?? '');
  const [description, setDescription] = useState(template?.description ?? '');
  const [busy, setBusy] = useState(false);
  const valid = name.trim() !== '' && content.trim() !== '';

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>
        {template ? `Edit ${template.name}` : 'Add a template step'}
      </DialogTitle>
      <DialogContent dividers>
        <TextField
          id="template-name"
          label="Name"
          value={name}
          onChange={e => setName(e.target.value)}
          required
          fullWidth
          margin="dense"
        />
        <TextField
          select
          id="template-category"
          label="Category"
          value={category}
          disabled={Boolean(template)}
          onChange={e => setCategory(e.target.value as StepCategory)}
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
          id="template-type"
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
          id="template-content"
          label="Content"
          value={content}
          onChange={e => setContent(e.target.value)}
          required
          fullWidth
          multiline
          minRows={5}
          margin="dense"
          variant="outlined"
          inputProps={{ style: { fontFamily: 'monospace' } }}
        />
        <TextField
          id="template-description"
          label="Description"
          value={description}
          onChange={e => setDescription(e.target.value)}
          fullWidth
          margin="dense"
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={busy || !valid}
          onClick={async () => {
            setBusy(true);
            try {
              await onSave({
                name: name.trim(),
                category,
                type,
                content,
                description: description.trim() || null,
              });
            } finally {
              setBusy(false);
            }
          }}
        >
          Save
        </Button>
      </DialogActions>
    </Dialog>
  );
};
