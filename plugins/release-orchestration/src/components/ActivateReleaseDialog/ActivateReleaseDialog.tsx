import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import { useState } from 'react';
import { CustomerPicker } from '../CustomerPicker';

/** @internal */
export interface ActivateReleaseDialogProps {
  releaseName: string;
  templateCount: number;
  onClose: () => void;
  /**
   * Resolves once the release is active (or the write failed). Without ids,
   * every active customer of every live cluster takes part.
   */
  onActivate: (customerIds?: number[]) => Promise<void>;
}

/**
 * Activates a draft release for every active customer (the default, decided
 * by the server however many there are) or for the customers picked with a
 * search paged on the server.
 *
 * @internal
 */
export const ActivateReleaseDialog = (props: ActivateReleaseDialogProps) => {
  const { releaseName, templateCount, onClose, onActivate } = props;
  const [mode, setMode] = useState<'all' | 'pick'>('all');
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [busy, setBusy] = useState(false);

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>Activate {releaseName}</DialogTitle>
      <DialogContent dividers>
        <DialogContentText>
          Each customer taking part gets a copy of the {templateCount} template
          steps. More customers can be added later.
        </DialogContentText>
        <RadioGroup
          aria-label="Customers"
          value={mode}
          onChange={e => setMode(e.target.value as 'all' | 'pick')}
        >
          <FormControlLabel
            value="all"
            control={<Radio />}
            label="Every active customer of every cluster"
          />
          <FormControlLabel
            value="pick"
            control={<Radio />}
            label="Only the customers I pick"
          />
        </RadioGroup>
        {mode === 'pick' && (
          <CustomerPicker selected={selected} onChange={setSelected} />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={busy || (mode === 'pick' && selected.size === 0)}
          onClick={async () => {
            setBusy(true);
            try {
              await onActivate(mode === 'all' ? undefined : [...selected]);
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
