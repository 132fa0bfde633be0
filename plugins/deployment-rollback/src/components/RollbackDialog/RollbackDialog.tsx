import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { Deployment } from '@opshub/plugin-deployment-rollback-common';
import { useState } from 'react';
import { useDeploymentWrites } from '../../hooks/useDeploymentWrites';
import { serverMessage } from '../../util/serverMessage';

/** @internal */
export interface RollbackDialogProps {
  open: boolean;
  service: string;
  environment: string;
  /** The deployment the rollback restores. */
  target: Deployment;
  /** The version running now, when known. */
  currentVersion?: string;
  onClose(): void;
}

/**
 * Confirms a rollback: names the version it restores and asks why. The
 * reason is required; a refusal (409, 403) is shown as the server words it.
 */
export const RollbackDialog = (props: RollbackDialogProps) => {
  const { open, service, environment, target, currentVersion, onClose } = props;
  const [reason, setReason] = useState('');
  const writes = useDeploymentWrites(service, environment);
  const trimmed = reason.trim();

  const submit = async () => {
    const result = await writes.rollback({
      reason: trimmed,
      targetDeploymentId: target.id,
    });
    if (result) {
      setReason('');
      onClose();
    }
  };

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>
        Roll back {service} in {environment} to {target.version}
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          {currentVersion ? `${environment} runs ${currentVersion}. ` : ''}
          This deploys {target.version} again (deployment #{target.id},
          {target.commitSha ? ` commit ${target.commitSha.slice(0, 7)},` : ''}{' '}
          by {target.triggeredBy}).
        </DialogContentText>
        <TextField
          label="Reason"
          required
          fullWidth
          multiline
          minRows={2}
          value={reason}
          onChange={event => setReason(event.target.value)}
          helperText="Required: it is recorded in the audit trail."
          inputProps={{ maxLength: 2000, 'aria-label': 'Reason' }}
        />
        {writes.error && (
          <Alert severity="error" style={{ marginTop: 16 }}>
            {serverMessage(writes.error)}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          color="secondary"
          variant="contained"
          disabled={!trimmed || writes.busy}
          onClick={submit}
        >
          Roll back to {target.version}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
