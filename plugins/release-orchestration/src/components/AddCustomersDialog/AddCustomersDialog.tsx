import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import { useState } from 'react';
import { CustomerPicker } from '../CustomerPicker';

/** @internal */
export interface AddCustomersDialogProps {
  releaseName: string;
  /** Customers already in the release; they are shown but cannot be picked. */
  existingCustomerIds: ReadonlySet<number>;
  onClose: () => void;
  onAdd: (customerIds: number[]) => Promise<void>;
}

/**
 * Adds customers to an active release: searches and pages the customers of
 * every cluster on the server; those already in the release cannot be
 * picked.
 *
 * @internal
 */
export const AddCustomersDialog = (props: AddCustomersDialogProps) => {
  const { releaseName, existingCustomerIds, onClose, onAdd } = props;
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [busy, setBusy] = useState(false);

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>Add customers to {releaseName}</DialogTitle>
      <DialogContent dividers>
        <CustomerPicker
          selected={selected}
          onChange={setSelected}
          unavailable={existingCustomerIds}
          unavailableLabel="already in the release"
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={busy || selected.size === 0}
          onClick={async () => {
            setBusy(true);
            try {
              await onAdd([...selected]);
            } finally {
              setBusy(false);
            }
          }}
        >
          Add {selected.size || ''} customers
        </Button>
      </DialogActions>
    </Dialog>
  );
};
