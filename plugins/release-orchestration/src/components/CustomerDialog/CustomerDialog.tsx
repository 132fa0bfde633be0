import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import TextField from '@material-ui/core/TextField';
import { Customer } from '@opshub/plugin-release-orchestration-common';
import { useState } from 'react';

/** What the customer dialog edits; empty optional fields are null. @internal */
export interface CustomerFormValues {
  name: string;
  namespace: string;
  catalogEntityRef: string | null;
  isActive: boolean;
  notes: string | null;
}

/** @internal */
export interface CustomerDialogProps {
  clusterName: string;
  /** The customer to edit; a new one when undefined. */
  customer?: Customer;
  onClose: () => void;
  onSave: (values: CustomerFormValues) => Promise<void>;
}

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

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
  const [busy, setBusy] = useState(false);
  const valid = name.trim() !== '' && namespace.trim() !== '';
  const save = async () => {
    setBusy(true);
    try {
      await onSave({
        name: name.trim(),
        namespace: namespace.trim(),
        catalogEntityRef: orNull(entityRef),
        isActive,
        notes: orNull(notes),
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>
        {customer
          ? `Edit customer ${customer.name}`
          : `Add a customer to ${clusterName}`}
      </DialogTitle>
      <DialogContent dividers>
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
        <FormControlLabel
          control={
            <Checkbox
              checked={isActive}
              onChange={e => setIsActive(e.target.checked)}
            />
          }
          label="Active (takes part in new releases)"
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={busy || !valid}
          onClick={save}
        >
          Save
        </Button>
      </DialogActions>
    </Dialog>
  );
};
