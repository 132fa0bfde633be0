import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import { AsyncView } from '@opshub/opshub-react';
import { useEffect, useState } from 'react';
import { useAllCustomers } from '../../hooks/useSteps';
import { CustomerPicker } from '../CustomerPicker';

/** @internal */
export interface ActivateReleaseDialogProps {
  releaseName: string;
  templateCount: number;
  onClose: () => void;
  /** Resolves once the release is active (or the write failed). */
  onActivate: (customerIds: number[]) => Promise<void>;
}

/**
 * Picks the customers of a draft release before activating it. Active
 * customers are preselected.
 *
 * @internal
 */
export const ActivateReleaseDialog = (props: ActivateReleaseDialogProps) => {
  const { releaseName, templateCount, onClose, onActivate } = props;
  const state = useAllCustomers();
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (state.value) {
      setSelected(new Set(state.value.filter(c => c.isActive).map(c => c.id)));
    }
  }, [state.value]);

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>Activate {releaseName}</DialogTitle>
      <DialogContent dividers>
        <DialogContentText>
          Each selected customer gets a copy of the {templateCount} template
          steps. More customers can be added later.
        </DialogContentText>
        <AsyncView
          {...state}
          isEmpty={items => items.length === 0}
          emptyTitle="No customers registered yet"
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
              await onActivate([...selected]);
            } finally {
              setBusy(false);
            }
          }}
        >
          Activate
        </Button>
      </DialogActions>
    </Dialog>
  );
};
