import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import TextField from '@material-ui/core/TextField';
import { entityRefProblem } from '@opshub/opshub-common';
import {
  Customer,
  Metadata,
} from '@opshub/plugin-release-orchestration-common';
import { useState } from 'react';
import { FormDialog, trimOrNull as orNull } from '../FormDialog';
import { MetadataField, metadataText, parseMetadata } from '../MetadataField';

/** What the customer dialog edits; empty optional fields are null. @internal */
export interface CustomerFormValues {
  name: string;
  namespace: string;
  catalogEntityRef: string | null;
  isActive: boolean;
  notes: string | null;
  metadata: Metadata;
}

/** @internal */
export interface CustomerDialogProps {
  clusterName: string;
  /** The customer to edit; a new one when undefined. */
  customer?: Customer;
  onClose: () => void;
  onSave: (values: CustomerFormValues) => Promise<void>;
}

/**
 * Creates or edits a customer of a cluster.
 *
 * @internal
 */
export const CustomerDialog = (props: CustomerDialogProps) => {
  const { clusterName, customer, onClose, onSave } = props;
  const [name, setName] = useState(customer?.name ?? '');
  const [namespace, setNamespace] = useState(customer?.namespace ?? '');
  const [entityRef, setEntityRef] = useState(customer?.catalogEntityRef ?? '');
  const [isActive, setIsActive] = useState(customer?.isActive ?? true);
  const [notes, setNotes] = useState(customer?.notes ?? '');
  const [metadata, setMetadata] = useState(metadataText(customer?.metadata));
  const refProblem = entityRef.trim()
    ? entityRefProblem(entityRef.trim())
    : undefined;
  const parsed = parseMetadata(metadata);
  const valid =
    name.trim() !== '' &&
    namespace.trim() !== '' &&
    !refProblem &&
    !parsed.problem;
  const save = () =>
    onSave({
      name: name.trim(),
      namespace: namespace.trim(),
      catalogEntityRef: orNull(entityRef),
      isActive,
      notes: orNull(notes),
      metadata: parsed.value ?? {},
    });
  return (
    <FormDialog
      title={
        customer
          ? `Edit customer ${customer.name}`
          : `Add a customer to ${clusterName}`
      }
      canSubmit={valid}
      onClose={onClose}
      onSubmit={save}
    >
      <TextField
        id="customer-name"
        label="Name"
        value={name}
        onChange={e => setName(e.target.value)}
        required
        fullWidth
        margin="dense"
      />
      <TextField
        id="customer-namespace"
        label="Namespace"
        value={namespace}
        onChange={e => setNamespace(e.target.value)}
        required
        fullWidth
        margin="dense"
      />
      <TextField
        id="customer-entity-ref"
        label="Catalog entity"
        placeholder="resource:default/tenant-acme"
        value={entityRef}
        onChange={e => setEntityRef(e.target.value)}
        error={Boolean(refProblem)}
        helperText={refProblem}
        fullWidth
        margin="dense"
      />
      <TextField
        id="customer-notes"
        label="Notes"
        value={notes}
        onChange={e => setNotes(e.target.value)}
        fullWidth
        multiline
        minRows={2}
        margin="dense"
      />
      <MetadataField
        idPrefix="customer"
        value={metadata}
        onChange={setMetadata}
      />
      <FormControlLabel
        control={
          <Checkbox
            checked={isActive}
            onChange={e => setIsActive(e.target.checked)}
          />
        }
        label="Active (takes part in new releases)"
      />
    </FormDialog>
  );
};
