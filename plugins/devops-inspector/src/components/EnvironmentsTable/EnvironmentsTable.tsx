import { Table, TableColumn } from '@backstage/core-components';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { EnvironmentSummary } from '@opshub/plugin-devops-inspector-common';
import { formatLatency, StatusChip } from '@opshub/opshub-react';

/**
 * The database status as a chip: green `up`, red `down`.
 *
 * @internal
 */
export const DatabaseStatusChip = (props: {
  status: EnvironmentSummary['database']['status'];
}) => (
  <StatusChip
    status={props.status === 'up' ? 'healthy' : 'down'}
    label={props.status}
  />
);

const columns: TableColumn<EnvironmentSummary>[] = [
  {
    title: 'Environment',
    field: 'label',
    render: row => (
      <>
        <Typography variant="body2">{row.label}</Typography>
        <Typography variant="caption" color="textSecondary">
          {row.name}
        </Typography>
      </>
    ),
  },
  {
    title: 'Tier',
    field: 'tier',
    render: row => <Chip size="small" variant="outlined" label={row.tier} />,
  },
  {
    title: 'Database',
    field: 'database.status',
    render: row => <DatabaseStatusChip status={row.database.status} />,
  },
  {
    title: 'Server version',
    field: 'database.serverVersion',
    render: row => row.database.serverVersion ?? '—',
  },
  {
    title: 'Latency',
    field: 'database.latencyMs',
    render: row => formatLatency(row.database.latencyMs),
  },
  {
    title: 'Error',
    field: 'database.error',
    render: row =>
      row.database.error ? (
        <Typography variant="caption" color="error">
          {row.database.error}
        </Typography>
      ) : null,
  },
];

/** @internal */
export interface EnvironmentsTableProps {
  environments: EnvironmentSummary[];
  /** Name of the highlighted environment. */
  selected?: string;
  onSelect?: (name: string) => void;
}

/**
 * The environments with their tier and live database status; a click on a
 * row selects the environment.
 *
 * @internal
 */
export const EnvironmentsTable = (props: EnvironmentsTableProps) => {
  const { environments, selected, onSelect } = props;
  return (
    <Table<EnvironmentSummary>
      title="Environments"
      columns={columns}
      data={environments}
      onRowClick={(_event, row) => row && onSelect?.(row.name)}
      options={{
        paging: false,
        search: false,
        padding: 'dense',
        rowStyle: row =>
          row.name === selected
            ? { backgroundColor: 'rgba(0, 0, 0, 0.06)' }
            : {},
      }}
    />
  );
};
