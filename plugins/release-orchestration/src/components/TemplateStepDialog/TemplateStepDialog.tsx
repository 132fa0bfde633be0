import TextField from '@material-ui/core/TextField';
import {
  CreateTemplateRequest,
  StepCategory,
  StepTemplate,
} from '@opshub/plugin-release-orchestration-common';
import { useState } from 'react';
import { FormDialog } from '../FormDialog';
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

  return (
    <FormDialog
      title={template ? `Edit ${template.name}` : 'Add a template step'}
      canSubmit={valid}
      onClose={onClose}
      onSubmit={() =>
        onSave({
          ...values,
          name: values.name.trim(),
          description: description.trim() || null,
        })
      }
    >
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
    </FormDialog>
  );
};
