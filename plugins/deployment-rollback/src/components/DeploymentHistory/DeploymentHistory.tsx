import { TableColumn } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import {
  Deployment,
  DeploymentStatus,
} from '@opshub/plugin-deployment-rollback-common';
import {
  formatTime,
  PagedTable,
  StatusChip,
  usePaging,
} from '@opshub/opshub-react';
import { ChangeEvent, useState } from 'react';
import { useAuditExport } from '../../hooks/useAuditExport';
import { useDeployments } from '../../hooks/useDeployments';
import { DeploymentDrawer } from '../DeploymentDrawer';

/** Every status a deployment can have, for the status filter. */
export const DEPLOYMENT_STATUSES: DeploymentStatus[] = [
  'queued',
  'in_progress',
  'succeeded',
  'failed',
  'rolled_back',
  'superseded',
];

const serviceColumn: TableColumn<Deployment> = {
  title: 'Service',
  field: 'service',
};
const columns: TableColumn<Deployment>[] = [
  { title: 'Environment', field: 'environment' },
  { title: 'Version', field: 'version' },
  {
    title: 'Status',
    field: 'status',
    render: row => <StatusChip status={row.status} />,
  },
  { title: 'Source', field: 'source' },
  { title: 'Triggered by', field: 'triggeredBy' },
  {
    title: 'Started',
    field: 'startedAt',
    render: row => formatTime(row.startedAt),
  },
  { title: 'Reason', field: 'reason', render: row => row.reason ?? '' },
];

/** Start of a local day (`YYYY-MM-DD`) as an ISO timestamp. */
export function startOfDay(day: string): string | undefined {
  return day ? new Date(`${day}T00:00:00`).toISOString() : undefined;
}

/** End of a local day (`YYYY-MM-DD`) as an ISO timestamp. */
export function endOfDay(day: string): string | undefined {
  return day ? new Date(`${day}T23:59:59.999`).toISOString() : undefined;
}

/** @internal */
export interface DeploymentHistoryProps {
  /** Shows one service only (the entity tab); else a service filter. */
  service?: string;
  /** Services offered by the service filter. */
  services?: string[];
  /** Environments offered by the environment filter, in promotion order. */
  environments: string[];
}

/**
 * Deployment history with environment, status and date filters, all applied
 * on the server, server-side paging, and a drawer with the audit trail of the
 * clicked deployment.
 */
export const DeploymentHistory = (props: DeploymentHistoryProps) => {
  const paging = usePaging(20);
  const [service, setService] = useState('');
  const [environment, setEnvironment] = useState('');
  const [status, setStatus] = useState<DeploymentStatus | ''>('');
  const [fromDay, setFromDay] = useState('');
  const [toDay, setToDay] = useState('');
  const [selected, setSelected] = useState<number>();
  const audit = useAuditExport(props.service);

  const state = useDeployments({
    service: props.service ?? (service || undefined),
    environment: environment || undefined,
    status: status || undefined,
    from: startOfDay(fromDay),
    to: endOfDay(toDay),
    limit: paging.limit,
    offset: paging.offset,
  });

  /** A filter change goes back to the first page. */
  const onFilter =
    (set: (value: any) => void) => (event: ChangeEvent<{ value: unknown }>) => {
      set(event.target.value as string);
      paging.setPage(0);
    };

  const filtered = Boolean(
    (!props.service && service) || environment || status || fromDay || toDay,
  );

  return (
    <>
      <Box display="flex" flexWrap="wrap" gridGap={16} mb={2}>
        {!props.service && (
          <FilterSelect
            name="service"
            label="Service"
            allLabel="All services"
            value={service}
            options={props.services ?? []}
            onChange={onFilter(setService)}
            minWidth={180}
          />
        )}
        <FilterSelect
          name="environment"
          label="Environment"
          allLabel="All environments"
          value={environment}
          options={props.environments}
          onChange={onFilter(setEnvironment)}
        />
        <FilterSelect
          name="status"
          label="Status"
          allLabel="All statuses"
          value={status}
          options={DEPLOYMENT_STATUSES}
          optionLabel={name => name.replace(/_/g, ' ')}
          onChange={onFilter(setStatus)}
        />
        <TextField
          type="date"
          label="From"
          id="deployment-filter-from"
          value={fromDay}
          onChange={onFilter(setFromDay)}
          InputLabelProps={{ shrink: true }}
          inputProps={{ 'aria-label': 'From' }}
        />
        <TextField
          type="date"
          label="To"
          id="deployment-filter-to"
          value={toDay}
          onChange={onFilter(setToDay)}
          InputLabelProps={{ shrink: true }}
          inputProps={{ 'aria-label': 'To' }}
        />
        <Box flexGrow={1} />
        <Button
          variant="outlined"
          size="small"
          style={{ alignSelf: 'center' }}
          disabled={audit.busy}
          onClick={audit.exportCsv}
        >
          Export audit (CSV)
        </Button>
      </Box>
      <PagedTable<Deployment>
        state={state}
        paging={paging}
        columns={props.service ? columns : [serviceColumn, ...columns]}
        title="Deployment history"
        emptyTitle={
          filtered
            ? 'No deployment matches these filters'
            : 'No deployments recorded yet'
        }
        emptyDescription={
          filtered
            ? 'Clear a filter to see more.'
            : 'Deployments appear here when your CI/CD pipeline reports them through a webhook, or when one is triggered or rolled back from OpsHub.'
        }
        onRowClick={row => setSelected(row.id)}
      />
      <DeploymentDrawer
        deploymentId={selected}
        onClose={() => setSelected(undefined)}
      />
    </>
  );
};

/** One select filter of the history: "All …" first, then each option. */
function FilterSelect(props: {
  name: string;
  label: string;
  allLabel: string;
  value: string;
  options: readonly string[];
  onChange: (event: ChangeEvent<{ value: unknown }>) => void;
  minWidth?: number;
  optionLabel?: (option: string) => string;
}) {
  return (
    <TextField
      select
      label={props.label}
      id={`deployment-filter-${props.name}`}
      SelectProps={{ displayEmpty: true }}
      InputLabelProps={{ shrink: true }}
      value={props.value}
      onChange={props.onChange}
      style={{ minWidth: props.minWidth ?? 160 }}
      inputProps={{ 'data-testid': `filter-${props.name}` }}
    >
      <MenuItem value="">{props.allLabel}</MenuItem>
      {props.options.map(name => (
        <MenuItem key={name} value={name}>
          {props.optionLabel ? props.optionLabel(name) : name}
        </MenuItem>
      ))}
    </TextField>
  );
}
