import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import {
  CreateTemplateRequest,
  StepCategory,
  StepTemplate,
} from '@opshub/plugin-release-orchestration-common';
import { useState } from 'react';
import { StepFields, useStepFields } from '../StepFields';

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
  const { values, change, valid } = useStepFields({
    ...template,
    category: template?.category ?? defaultCategory,
  });
  const [description, setDescription] = useState(template?.description ?? '');
  const [busy, setBusy] = useState(false);

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>
        {template ? `Edit ${template.name}` : 'Add a template step'}
      </DialogTitle>
      <DialogContent dividers>
        <StepFields
          idPrefix="template"
          values={values}
          onChange={change}
          categoryDisabled={Boolean(template)}
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
                ...values,
                name: values.name.trim(),
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
