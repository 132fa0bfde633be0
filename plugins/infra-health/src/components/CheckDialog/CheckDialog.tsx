import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  CheckWithStatus,
  HEALTH_CHECK_KINDS,
  HealthCheckInput,
  HealthCheckKind,
} from '@opshub/plugin-infra-health-common';
import { FormEvent, useState } from 'react';

/** @internal */
export interface CheckDialogProps {
  open: boolean;
  /** The API check to edit; a new check when absent. */
  check?: CheckWithStatus;
  busy?: boolean;
  error?: Error;
  onClose: () => void;
  onSubmit: (input: HealthCheckInput) => void;
}

type Form = Record<string, string>;

function initialForm(check?: CheckWithStatus): Form {
  const settings = check?.settings ?? {};
  return {
    kind: check?.kind ?? 'http',
    name: check?.name ?? '',
    service: check?.service ?? '',
    url: check?.kind === 'http' ? check.url : '',
    connection: check?.kind === 'postgres' ? check.url : '',
    method: check?.method && check.kind === 'http' ? check.method : 'GET',
    expectedStatuses: (
      settings.expectedStatuses ?? [String(check?.expectedStatus ?? 200)]
    ).join(', '),
    host: settings.host ?? '',
    port: settings.port ? String(settings.port) : '',
    warnDays: String(settings.warnDays ?? 14),
    intervalSeconds: String(check?.intervalSeconds ?? 30),
    degradedLatencyMs: String(check?.degradedLatencyMs ?? 1000),
    failureThreshold: String(check?.failureThreshold ?? 1),
    successThreshold: String(check?.successThreshold ?? 1),
    runbookUrl: check?.runbookUrl ?? '',
  };
}

/** The form as the API body; the server validates and names bad fields. */
export function toInput(form: Form): HealthCheckInput {
  const base = {
    name: form.name.trim(),
    service: form.service.trim(),
    intervalSeconds: Number(form.intervalSeconds),
    degradedLatencyMs: Number(form.degradedLatencyMs),
    failureThreshold: Number(form.failureThreshold),
    successThreshold: Number(form.successThreshold),
    runbookUrl: form.runbookUrl.trim() || null,
  };
  switch (form.kind as HealthCheckKind) {
    case 'tcp':
      return {
        ...base,
        kind: 'tcp',
        host: form.host.trim(),
        port: Number(form.port),
      };
    case 'tls':
      return {
        ...base,
        kind: 'tls',
        host: form.host.trim(),
        port: Number(form.port || 443),
        warnDays: Number(form.warnDays),
      };
    case 'postgres':
      return { ...base, kind: 'postgres', connection: form.connection.trim() };
    case 'http':
    default:
      return {
        ...base,
        kind: 'http',
        url: form.url.trim(),
        method: form.method,
        expectedStatuses: form.expectedStatuses
          .split(',')
          .map(s => s.trim())
          .filter(Boolean),
      };
  }
}

/**
 * Add or edit an API check. Secrets the API never shows stay as stored when
 * left unchanged (the redacted URL or connection, and the headers).
 *
 * @internal
 */
export const CheckDialog = (props: CheckDialogProps) => {
  const [form, setForm] = useState<Form>(() => initialForm(props.check));
  const field = (name: string, label: string, extra: object = {}) => (
    <TextField
      key={name}
      label={label}
      value={form[name]}
      onChange={e => setForm({ ...form, [name]: e.target.value })}
      fullWidth
      margin="dense"
      inputProps={{ 'aria-label': label }}
      {...extra}
    />
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSubmit(toInput(form));
  };
  const kind = form.kind as HealthCheckKind;
  return (
    <Dialog open={props.open} onClose={props.onClose} maxWidth="sm" fullWidth>
      <form onSubmit={submit}>
        <DialogTitle>
          {props.check ? `Edit ${props.check.name}` : 'Add a health check'}
        </DialogTitle>
        <DialogContent>
          {field('kind', 'Kind', {
            select: true,
            disabled: !!props.check,
            children: HEALTH_CHECK_KINDS.map(k => (
              <MenuItem key={k} value={k}>
                {k}
              </MenuItem>
            )),
          })}
          {field('name', 'Name', { required: true })}
          {field('service', 'Service', {
            required: true,
            helperText: 'Matches the opshub.io/health-service annotation',
          })}
          {kind === 'http' && [
            field('url', 'URL', { required: true }),
            field('method', 'Method'),
            field('expectedStatuses', 'Expected statuses', {
              helperText: 'e.g. 200, 204, 3xx or 200-299',
            }),
          ]}
          {(kind === 'tcp' || kind === 'tls') && [
            field('host', 'Host', { required: true }),
            field('port', 'Port', { required: kind === 'tcp', type: 'number' }),
          ]}
          {kind === 'tls' &&
            field('warnDays', 'Warn days before expiry', { type: 'number' })}
          {kind === 'postgres' &&
            field('connection', 'Connection URL', {
              required: true,
              helperText:
                'postgresql://user:password@host:port/db of a read-only role; stored, never shown',
            })}
          {field('intervalSeconds', 'Interval (s)', { type: 'number' })}
          {field('degradedLatencyMs', 'Degraded above (ms)', {
            type: 'number',
          })}
          {field('failureThreshold', 'Failures before down', {
            type: 'number',
          })}
          {field('successThreshold', 'Successes before up', { type: 'number' })}
          {field('runbookUrl', 'Runbook URL')}
          {props.error && (
            <Typography color="error" variant="body2" role="alert">
              {(props.error as { body?: { error?: { message?: string } } }).body
                ?.error?.message ?? props.error.message}
            </Typography>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>Cancel</Button>
          <Button type="submit" color="primary" disabled={props.busy}>
            Save
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
