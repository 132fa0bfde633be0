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
  HttpBodyCondition,
} from '@opshub/plugin-infra-health-common';
import { FormEvent, useState } from 'react';

/** @internal */
export interface CheckDialogProps {
  open: boolean;
  /** The API check to edit; a new check when absent. */
  check?: CheckWithStatus;
  /** The service a new check starts with (the entity tab's). */
  defaultService?: string;
  busy?: boolean;
  error?: Error;
  onClose: () => void;
  onSubmit: (input: HealthCheckInput) => void;
}

type Form = Record<string, string>;

function bodyModeOf(body?: HttpBodyCondition): string {
  if (!body) return 'none';
  return 'contains' in body ? 'contains' : 'jsonPath';
}

function bodyOf(form: Form): HttpBodyCondition | null {
  if (form.bodyMode === 'contains') return { contains: form.bodyContains };
  if (form.bodyMode === 'jsonPath') {
    return {
      jsonPath: form.bodyJsonPath.trim(),
      equals: parseEquals(form.bodyEquals),
    };
  }
  return null;
}

function initialForm(check?: CheckWithStatus, defaultService = ''): Form {
  const settings = check?.settings ?? {};
  return {
    kind: check?.kind ?? 'http',
    name: check?.name ?? '',
    service: check?.service ?? defaultService,
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
    // header values are secrets the API never returns: empty keeps them
    headers: '',
    bodyMode: bodyModeOf(settings.body),
    bodyContains:
      settings.body && 'contains' in settings.body
        ? settings.body.contains
        : '',
    bodyJsonPath:
      settings.body && 'jsonPath' in settings.body
        ? settings.body.jsonPath
        : '',
    bodyEquals:
      settings.body && 'jsonPath' in settings.body
        ? JSON.stringify(settings.body.equals)
        : '',
    servername: settings.servername ?? '',
    rejectUnauthorized: String(settings.rejectUnauthorized ?? true),
    maintenanceWindows: (check?.maintenanceWindows ?? [])
      .map(w => [w.start, w.end, w.reason].filter(Boolean).join(' '))
      .join('\n'),
  };
}

/** `Name: value` per line. */
function parseHeaders(text: string): Record<string, string> | undefined {
  const lines = text.split('\n').filter(line => line.trim());
  if (lines.length === 0) return undefined;
  return Object.fromEntries(
    lines.map(line => {
      const at = line.indexOf(':');
      return at < 0
        ? [line.trim(), '']
        : [line.slice(0, at).trim(), line.slice(at + 1).trim()];
    }),
  );
}

/** `start end [reason]` per line, ISO times. */
function parseWindows(text: string) {
  return text
    .split('\n')
    .filter(line => line.trim())
    .map(line => {
      const [start = '', end = '', ...reason] = line.trim().split(/\s+/);
      return reason.length
        ? { start, end, reason: reason.join(' ') }
        : { start, end };
    });
}

/** A JSON value as typed (`"ok"`, `true`, `3`), else the text as a string. */
function parseEquals(text: string): string | number | boolean | null {
  try {
    const value = JSON.parse(text);
    return value === null ||
      ['string', 'number', 'boolean'].includes(typeof value)
      ? value
      : text;
  } catch {
    return text;
  }
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
    maintenanceWindows: parseWindows(form.maintenanceWindows),
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
        rejectUnauthorized: form.rejectUnauthorized !== 'false',
        ...(form.servername.trim()
          ? { servername: form.servername.trim() }
          : {}),
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
        headers: parseHeaders(form.headers),
        body: bodyOf(form),
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
  const [form, setForm] = useState<Form>(() =>
    initialForm(props.check, props.defaultService),
  );
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
            field('headers', 'Request headers', {
              multiline: true,
              helperText: props.check?.settings.headerNames?.length
                ? `Name: value per line. Leave empty to keep the stored ${props.check.settings.headerNames.join(
                    ', ',
                  )}; values are never shown.`
                : 'Name: value per line; values are stored, never shown.',
            }),
            field('bodyMode', 'Body condition', {
              select: true,
              children: [
                <MenuItem key="none" value="none">
                  none
                </MenuItem>,
                <MenuItem key="contains" value="contains">
                  contains text
                </MenuItem>,
                <MenuItem key="jsonPath" value="jsonPath">
                  JSON path equals
                </MenuItem>,
              ],
            }),
            form.bodyMode === 'contains' &&
              field('bodyContains', 'Body contains'),
            form.bodyMode === 'jsonPath' &&
              field('bodyJsonPath', 'JSON path', {
                helperText: 'e.g. status or checks[0].ok',
              }),
            form.bodyMode === 'jsonPath' &&
              field('bodyEquals', 'Equals', {
                helperText: 'A JSON value: "ok", true, 3',
              }),
          ]}
          {(kind === 'tcp' || kind === 'tls') && [
            field('host', 'Host', { required: true }),
            field('port', 'Port', { required: kind === 'tcp', type: 'number' }),
          ]}
          {kind === 'tls' && [
            field('warnDays', 'Warn days before expiry', { type: 'number' }),
            field('servername', 'Server name (SNI)'),
            field('rejectUnauthorized', 'Untrusted certificate', {
              select: true,
              children: [
                <MenuItem key="true" value="true">
                  down
                </MenuItem>,
                <MenuItem key="false" value="false">
                  accepted (expiry still checked)
                </MenuItem>,
              ],
            }),
          ]}
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
          {field('maintenanceWindows', 'Maintenance windows', {
            multiline: true,
            helperText:
              'One per line: start end [reason], ISO times, e.g. 2026-12-24T22:00:00Z 2026-12-25T02:00:00Z db upgrade',
          })}
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
