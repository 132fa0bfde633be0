import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import { ReactNode, useState } from 'react';

/** A trimmed text, or null when it is empty. @public */
export const trimOrNull = (value: string): string | null =>
  value.trim() === '' ? null : value.trim();

/** @public */
export interface FormDialogProps {
  title: ReactNode;
  submitLabel?: string;
  /** False while the form is incomplete; true by default. */
  canSubmit?: boolean;
  /** The error of the last attempt, shown under the fields. */
  error?: string;
  onClose: () => void;
  /** Called once per click; the button stays disabled until it settles. */
  onSubmit: () => Promise<void>;
  children: ReactNode;
}

/**
 * The frame of the OpsHub form dialogs: title, fields, the error of the last
 * attempt, Cancel and a submit button that is disabled while the form is
 * incomplete or saving.
 *
 * @public
 */
export const FormDialog = (props: FormDialogProps) => {
  const {
    title,
    submitLabel = 'Save',
    canSubmit = true,
    error,
    onClose,
    onSubmit,
  } = props;
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      await onSubmit();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>{title}</DialogTitle>
      <DialogContent dividers>
        {props.children}
        {error && (
          <Typography role="alert" color="error" style={{ marginTop: 16 }}>
            {error}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={busy || !canSubmit}
          onClick={submit}
        >
          {submitLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
