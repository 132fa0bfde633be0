import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { FormDialog, useMutation } from '@opshub/opshub-react';
import {
  EscalationTarget,
  HealthAlert,
} from '@opshub/plugin-infra-health-common';
import { useRef, useState } from 'react';
import { infraHealthApiRef } from '../../api';

/** The server's message of a failed request, else the error's own. */
export function errorMessage(error: unknown): string {
  if (error instanceof ResponseError) {
    return error.body?.error?.message ?? error.message;
  }
  return (error as Error)?.message ?? String(error);
}

const optional = (value: string) => value.trim() || undefined;

const alertLabel = (alert: HealthAlert) =>
  `${alert.alertname}${alert.service ? ` on ${alert.service}` : ''}`;

/**
 * Runs one submit at a time: a second click while the first request runs
 * does nothing (the button is disabled too, once React has re-rendered).
 */
function useSubmit(onChanged: () => void) {
  const mutation = useMutation(onChanged, { errors: 'inline' });
  const running = useRef(false);
  const [failure, setFailure] = useState<string>();
  const submit = async <T,>(
    write: () => Promise<T>,
    success?: string,
  ): Promise<T | undefined> => {
    if (running.current) return undefined;
    running.current = true;
    setFailure(undefined);
    try {
      return await mutation.run(write, success);
    } finally {
      running.current = false;
    }
  };
  return {
    submit,
    busy: mutation.busy,
    error:
      failure ?? (mutation.error ? errorMessage(mutation.error) : undefined),
    setFailure,
  };
}

/** How long an acknowledgement holds; 0 = until the alert is resolved. */
const DURATIONS: Array<{ label: string; minutes: number }> = [
  { label: 'Until resolved', minutes: 0 },
  { label: '30 minutes', minutes: 30 },
  { label: '1 hour', minutes: 60 },
  { label: '4 hours', minutes: 240 },
  { label: '8 hours', minutes: 480 },
  { label: '24 hours', minutes: 1440 },
];

/** @internal */
export interface AlertDialogProps {
  onClose: () => void;
  /** Called after a change was saved (the view refetches). */
  onChanged: () => void;
}

/**
 * Acknowledges one alert, or several (bulk) one after the other, with a
 * comment and how long the acknowledgement holds.
 *
 * @internal
 */
export const AcknowledgeDialog = (
  props: AlertDialogProps & { alerts: HealthAlert[] },
) => {
  const api = useApi(infraHealthApiRef);
  const { alerts, onClose, onChanged } = props;
  const [comment, setComment] = useState('');
  const [minutes, setMinutes] = useState(0);
  const { submit, busy, error, setFailure } = useSubmit(onChanged);
  const onSubmit = async () => {
    const until =
      minutes === 0
        ? undefined
        : new Date(Date.now() + minutes * 60_000).toISOString();
    const body = { comment: optional(comment), until };
    const done = await submit(
      async () => {
        const failures: string[] = [];
        for (const alert of alerts) {
          try {
            await api.acknowledgeAlert(alert.id, body);
          } catch (caught) {
            if (alerts.length === 1) throw caught;
            failures.push(`${alertLabel(alert)}: ${errorMessage(caught)}`);
          }
        }
        return failures;
      },
      alerts.length === 1 ? 'Alert acknowledged' : undefined,
    );
    if (done === undefined) return;
    onChanged();
    if (done.length > 0) {
      setFailure(
        `${alerts.length - done.length} of ${
          alerts.length
        } acknowledged. ${done.join('; ')}`,
      );
      return;
    }
    onClose();
  };
  return (
    <FormDialog
      title={
        alerts.length === 1
          ? `Acknowledge ${alertLabel(alerts[0])}`
          : `Acknowledge ${alerts.length} alerts`
      }
      submitLabel="Acknowledge"
      canSubmit={!busy}
      error={error}
      onClose={onClose}
      onSubmit={onSubmit}
    >
      <TextField
        id="alert-acknowledge-comment"
        label="Comment"
        value={comment}
        onChange={e => setComment(e.target.value)}
        fullWidth
        multiline
        minRows={2}
        margin="normal"
        inputProps={{ maxLength: 2000 }}
      />
      <TextField
        id="alert-acknowledge-duration"
        select
        label="For"
        value={minutes}
        onChange={e => setMinutes(Number(e.target.value))}
        fullWidth
        margin="normal"
        helperText="After this, the alert is firing again"
      >
        {DURATIONS.map(d => (
          <MenuItem key={d.label} value={d.minutes}>
            {d.label}
          </MenuItem>
        ))}
      </TextField>
    </FormDialog>
  );
};

/**
 * Escalates an alert to Slack or PagerDuty with a note. A failed escalation
 * is recorded by the backend; its error is shown here.
 *
 * @internal
 */
export const EscalateDialog = (
  props: AlertDialogProps & { alert: HealthAlert },
) => {
  const api = useApi(infraHealthApiRef);
  const { alert, onClose, onChanged } = props;
  const [target, setTarget] = useState<EscalationTarget>('pagerduty');
  const [note, setNote] = useState('');
  const { submit, busy, error, setFailure } = useSubmit(onChanged);
  const onSubmit = async () => {
    const escalation = await submit(() =>
      api.escalateAlert(alert.id, { target, note: optional(note) }),
    );
    if (!escalation) return;
    onChanged();
    if (escalation.outcome === 'failed') {
      setFailure(
        `The escalation to ${
          target === 'slack' ? 'Slack' : 'PagerDuty'
        } failed (it was recorded): ${escalation.error}`,
      );
      return;
    }
    onClose();
  };
  return (
    <FormDialog
      title={`Escalate ${alertLabel(alert)}`}
      submitLabel="Escalate"
      canSubmit={!busy}
      error={error}
      onClose={onClose}
      onSubmit={onSubmit}
    >
      <TextField
        id="alert-escalate-target"
        select
        label="To"
        value={target}
        onChange={e => setTarget(e.target.value as EscalationTarget)}
        fullWidth
        margin="normal"
        inputProps={{ 'data-testid': 'escalation-target' }}
      >
        <MenuItem value="pagerduty">PagerDuty</MenuItem>
        <MenuItem value="slack">Slack</MenuItem>
      </TextField>
      <TextField
        id="alert-escalate-note"
        label="Note"
        value={note}
        onChange={e => setNote(e.target.value)}
        fullWidth
        multiline
        minRows={2}
        margin="normal"
        inputProps={{ maxLength: 2000 }}
      />
    </FormDialog>
  );
};

/**
 * Resolves an alert by hand, with a comment.
 *
 * @internal
 */
export const ResolveDialog = (
  props: AlertDialogProps & { alert: HealthAlert },
) => {
  const api = useApi(infraHealthApiRef);
  const { alert, onClose, onChanged } = props;
  const [comment, setComment] = useState('');
  const { submit, busy, error } = useSubmit(onChanged);
  const onSubmit = async () => {
    const resolved = await submit(
      () => api.resolveAlert(alert.id, { comment: optional(comment) }),
      'Alert resolved',
    );
    if (!resolved) return;
    onChanged();
    onClose();
  };
  return (
    <FormDialog
      title={`Resolve ${alertLabel(alert)}`}
      submitLabel="Resolve"
      canSubmit={!busy}
      error={error}
      onClose={onClose}
      onSubmit={onSubmit}
    >
      <Typography variant="body2" color="textSecondary">
        Alertmanager may still report it; a resolved alert stays resolved.
      </Typography>
      <TextField
        id="alert-resolve-comment"
        label="Comment"
        value={comment}
        onChange={e => setComment(e.target.value)}
        fullWidth
        multiline
        minRows={2}
        margin="normal"
        inputProps={{ maxLength: 2000 }}
      />
    </FormDialog>
  );
};
