import { Link, Table, TableColumn } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import {
  formatRelativeTime,
  formatTime,
  StatusChip,
} from '@opshub/opshub-react';
import { HealthAlert } from '@opshub/plugin-infra-health-common';
import { useState } from 'react';
import { useAlertPermissions } from '../../hooks/useAlertPermissions';
import {
  AcknowledgeDialog,
  EscalateDialog,
  ResolveDialog,
} from '../AlertDialogs';

/** @internal */
export interface AlertsTableProps {
  title: string;
  alerts: HealthAlert[];
  /** Called after a change was saved, so the view refetches. */
  onChanged: () => void;
  /** Hide the service column (the entity tab shows one service). */
  hideService?: boolean;
  /** Show checkboxes; the selected alerts are passed to onSelectionChange. */
  selectable?: boolean;
  onSelectionChange?: (alerts: HealthAlert[]) => void;
  /** Shown while the next page loads. */
  loading?: boolean;
}

type Open =
  | { kind: 'acknowledge' | 'escalate' | 'resolve'; alert: HealthAlert }
  | undefined;

const SEVERITY_TONE: Record<string, string> = {
  critical: 'failed',
  page: 'failed',
  error: 'failed',
  warning: 'warning',
  info: 'pending',
};

/** The acknowledgement as the table shows it. */
function AckedBy(props: { alert: HealthAlert }) {
  const ack = props.alert.acknowledgement;
  if (!ack || props.alert.state === 'resolved') return null;
  const who = ack.by.replace(/^user:(default\/)?/, '');
  let when = `${formatRelativeTime(ack.at)}`;
  if (ack.expired) when = 'expired';
  else if (ack.until) when = `until ${formatTime(ack.until)}`;
  return (
    <Tooltip title={ack.comment ?? ''}>
      <Typography variant="body2" component="div">
        {who}
        <Typography variant="caption" color="textSecondary" component="div">
          {when}
        </Typography>
      </Typography>
    </Tooltip>
  );
}

/** Runbook, dashboard and source links (http(s) only, from the backend). */
function AlertLinks(props: { alert: HealthAlert }) {
  const { runbookUrl, dashboardUrl, generatorUrl } = props.alert;
  const links = [
    { url: runbookUrl, label: 'Runbook' },
    { url: dashboardUrl, label: 'Dashboard' },
    { url: generatorUrl, label: 'Source' },
  ].filter(l => !!l.url);
  if (links.length === 0) return <>—</>;
  return (
    <Box display="flex" flexDirection="column">
      {links.map(l => (
        <Link
          key={l.label}
          to={l.url!}
          target="_blank"
          rel="noopener noreferrer"
        >
          {l.label}
        </Link>
      ))}
    </Box>
  );
}

/**
 * Alerts with their state, severity, service, summary, age, who acknowledged
 * them and their links, and the Acknowledge, Escalate and Resolve actions
 * (each enabled when the state allows it and the policy grants it), each
 * through a dialog.
 *
 * @internal
 */
export const AlertsTable = (props: AlertsTableProps) => {
  const { alerts, onChanged, hideService, selectable } = props;
  const permissions = useAlertPermissions();
  const [open, setOpen] = useState<Open>();
  const close = () => setOpen(undefined);

  const columns: TableColumn<HealthAlert>[] = [
    {
      title: 'State',
      field: 'state',
      render: alert => <StatusChip status={alert.state} />,
    },
    {
      title: 'Severity',
      field: 'severity',
      render: alert =>
        alert.severity ? (
          <StatusChip
            status={SEVERITY_TONE[alert.severity.toLowerCase()] ?? 'unknown'}
            label={alert.severity}
          />
        ) : (
          '—'
        ),
    },
    ...(hideService
      ? []
      : [
          {
            title: 'Service',
            field: 'service',
            render: (alert: HealthAlert) => alert.service ?? '—',
          },
        ]),
    {
      title: 'Alert',
      field: 'alertname',
      render: alert => (
        <>
          <Typography variant="body2">
            <strong>{alert.alertname}</strong>
          </Typography>
          {alert.summary && (
            <Typography variant="body2" color="textSecondary">
              {alert.summary}
            </Typography>
          )}
        </>
      ),
    },
    {
      title: 'Age',
      field: 'startsAt',
      render: alert => (
        <Tooltip title={formatTime(alert.startsAt)}>
          <span>{formatRelativeTime(alert.startsAt)}</span>
        </Tooltip>
      ),
    },
    {
      title: 'Acknowledged by',
      render: alert => <AckedBy alert={alert} />,
    },
    { title: 'Links', render: alert => <AlertLinks alert={alert} /> },
    {
      title: 'Actions',
      render: alert => {
        const active = alert.state !== 'resolved';
        return (
          <Box display="flex" style={{ gap: 4 }} flexWrap="wrap">
            <Button
              size="small"
              variant="outlined"
              disabled={alert.state !== 'firing' || !permissions.canAcknowledge}
              onClick={() => setOpen({ kind: 'acknowledge', alert })}
              aria-label={`Acknowledge ${alert.alertname}`}
            >
              Acknowledge
            </Button>
            <Button
              size="small"
              variant="outlined"
              disabled={!active || !permissions.canEscalate}
              onClick={() => setOpen({ kind: 'escalate', alert })}
              aria-label={`Escalate ${alert.alertname}`}
            >
              Escalate
            </Button>
            <Button
              size="small"
              variant="outlined"
              disabled={!active || !permissions.canResolve}
              onClick={() => setOpen({ kind: 'resolve', alert })}
              aria-label={`Resolve ${alert.alertname}`}
            >
              Resolve
            </Button>
          </Box>
        );
      },
    },
  ];

  return (
    <>
      <Table<HealthAlert>
        title={props.title}
        columns={columns}
        // material-table writes into the rows it is given
        data={alerts.map(alert => ({ ...alert }))}
        isLoading={props.loading}
        options={{
          paging: false,
          search: false,
          padding: 'dense',
          selection: !!selectable,
          showTextRowsSelected: false,
        }}
        onSelectionChange={
          selectable
            ? rows => props.onSelectionChange?.(rows as HealthAlert[])
            : undefined
        }
      />
      {open?.kind === 'acknowledge' && (
        <AcknowledgeDialog
          alerts={[open.alert]}
          onClose={close}
          onChanged={onChanged}
        />
      )}
      {open?.kind === 'escalate' && (
        <EscalateDialog
          alert={open.alert}
          onClose={close}
          onChanged={onChanged}
        />
      )}
      {open?.kind === 'resolve' && (
        <ResolveDialog
          alert={open.alert}
          onClose={close}
          onChanged={onChanged}
        />
      )}
    </>
  );
};
