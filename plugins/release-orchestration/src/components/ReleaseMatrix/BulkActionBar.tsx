import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Paper from '@material-ui/core/Paper';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';

/** A bulk action of the matrix. @internal */
export type MatrixBulkAction = 'done' | 'skip' | 'revert';

/** @internal */
export interface BulkActionBarProps {
  count: number;
  busy?: boolean;
  /** `reason` is set for skip (required) and revert (optional). */
  onAction: (action: MatrixBulkAction, reason?: string) => void;
  onClear: () => void;
}

const ReasonDialog = (props: {
  action: 'skip' | 'revert';
  count: number;
  onClose: () => void;
  onConfirm: (reason: string) => void;
}) => {
  const { action, count, onClose, onConfirm } = props;
  const [reason, setReason] = useState('');
  const required = action === 'skip';
  const title = action === 'skip' ? 'Skip' : 'Revert';
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>
        {title} {count} steps
      </DialogTitle>
      <DialogContent>
        <TextField
          id="bulk-reason"
          label="Reason"
          value={reason}
          onChange={e => setReason(e.target.value)}
          required={required}
          fullWidth
          multiline
          minRows={2}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={required && reason.trim() === ''}
          onClick={() => onConfirm(reason.trim())}
        >
          {title}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

/**
 * The actions on the cells selected in the matrix: mark done, skip (with a
 * reason) and revert (with an optional reason), all or nothing.
 *
 * @internal
 */
export const BulkActionBar = (props: BulkActionBarProps) => {
  const { count, busy, onAction, onClear } = props;
  const [asking, setAsking] = useState<'skip' | 'revert'>();
  return (
    <Paper variant="outlined">
      <Box
        display="flex"
        alignItems="center"
        p={1}
        mb={1}
        style={{ gap: 8 }}
        role="toolbar"
        aria-label="Bulk actions"
      >
        <Typography variant="body2">{count} steps selected</Typography>
        <Button
          variant="contained"
          color="primary"
          disabled={busy}
          onClick={() => onAction('done')}
        >
          Mark done
        </Button>
        <Button
          variant="outlined"
          disabled={busy}
          onClick={() => setAsking('skip')}
        >
          Skip
        </Button>
        <Button
          variant="outlined"
          disabled={busy}
          onClick={() => setAsking('revert')}
        >
          Revert
        </Button>
        <Button disabled={busy} onClick={onClear}>
          Clear selection
        </Button>
      </Box>
      {asking && (
        <ReasonDialog
          action={asking}
          count={count}
          onClose={() => setAsking(undefined)}
          onConfirm={reason => {
            setAsking(undefined);
            onAction(asking, reason);
          }}
        />
      )}
    </Paper>
  );
};
