import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { useDeploymentWrites } from '../../hooks/useDeploymentWrites';
import { serverMessage } from '../../util/serverMessage';

/** @internal */
export interface DeployDialogProps {
  open: boolean;
  service: string;
  environment: string;
  /** Pre-filled version, for example the one running one stage earlier. */
  suggestedVersion?: string;
  onClose(): void;
}

/** Starts a deployment of a version; the reason is optional. */
export const DeployDialog = (props: DeployDialogProps) => {
  const { open, service, environment, onClose } = props;
  const [version, setVersion] = useState(props.suggestedVersion ?? '');
  const [reason, setReason] = useState('');
  const writes = useDeploymentWrites(service, environment);
  const trimmedVersion = version.trim();

  const submit = async () => {
    const result = await writes.deploy({
      version: trimmedVersion,
      reason: reason.trim() || undefined,
    });
    if (result) {
      setReason('');
      onClose();
    }
  };

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>
        Deploy {service} to {environment}
      </DialogTitle>
      <DialogContent>
        <TextField
          label="Version"
          required
          fullWidth
          value={version}
          onChange={event => setVersion(event.target.value)}
          inputProps={{ maxLength: 128, 'aria-label': 'Version' }}
        />
        <TextField
          label="Reason"
          fullWidth
          multiline
          minRows={2}
          margin="normal"
          value={reason}
          onChange={event => setReason(event.target.value)}
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
          color="primary"
          variant="contained"
          disabled={!trimmedVersion || writes.busy}
          onClick={submit}
        >
          Deploy
        </Button>
      </DialogActions>
    </Dialog>
  );
};
