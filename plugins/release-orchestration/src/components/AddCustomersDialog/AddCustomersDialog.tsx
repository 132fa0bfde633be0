import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import { AsyncView } from '@opshub/opshub-react';
import { useState } from 'react';
import { useAllCustomers } from '../../hooks/useSteps';
import { CustomerPicker } from '../CustomerPicker';

/** @internal */
export interface AddCustomersDialogProps {
  releaseName: string;
  /** Customers already in the release; they are not offered. */
  existingCustomerIds: ReadonlySet<number>;
  onClose: () => void;
  onAdd: (customerIds: number[]) => Promise<void>;
}

/**
 * Adds customers to an active release: only customers not yet in it are
 * offered, grouped by cluster.
 *
 * @internal
 */
export const AddCustomersDialog = (props: AddCustomersDialogProps) => {
  const { releaseName, existingCustomerIds, onClose, onAdd } = props;
  const state = useAllCustomers();
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [busy, setBusy] = useState(false);
  const available = state.value?.filter(c => !existingCustomerIds.has(c.id));

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>Add customers to {releaseName}</DialogTitle>
      <DialogContent dividers>
        <AsyncView
          loading={state.loading}
          error={state.error}
          value={available}
          isEmpty={items => items.length === 0}
          emptyTitle="Every customer is already in this release"
        >
          {customers => (
            <CustomerPicker
              customers={customers}
              selected={selected}
              onChange={setSelected}
            />
          )}
        </AsyncView>
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
