import { Link, Table, TableColumn } from '@backstage/core-components';
import { AsyncView } from '@opshub/opshub-react';
import { InFlightRow, useClusterInFlight } from '../../hooks/useInFlight';
import { usePaths } from '../paths';
import { ProgressBar } from '../ProgressBar';

/**
 * The customers of one cluster with their unfinished steps in every active
 * release.
 *
 * @internal
 */
export const ClusterInFlightTable = (props: { clusterName: string }) => {
  const { clusterName } = props;
  const paths = usePaths();
  const state = useClusterInFlight(clusterName);
  const columns: TableColumn<InFlightRow>[] = [
    {
      title: 'Customer',
      field: 'customerName',
      render: row => (
        <Link to={paths.releaseCustomer(row.release.id, row.customerId)}>
          {row.customerName}
        </Link>
      ),
    },
    { title: 'Namespace', field: 'namespace' },
    {
      title: 'Release',
      render: row => (
        <Link to={paths.release(row.release.id)}>{row.release.name}</Link>
      ),
    },
    {
      title: 'Progress',
      width: '200px',
      render: row => (
        <ProgressBar dense progress={row.progress} label={row.customerName} />
      ),
    },
    {
      title: 'Open steps',
      render: row =>
        row.open.length === 0 ? 'All finished' : row.open.join(', '),
    },
  ];
  return (
    <AsyncView
      {...state}
      isEmpty={rows => rows.length === 0}
      emptyTitle={`No active release on ${clusterName}`}
      emptyDescription="Steps in flight appear here while a release is active."
    >
      {rows => (
        <Table<InFlightRow>
          title={`In-flight steps on ${clusterName}`}
          columns={columns}
          data={rows}
          options={{ paging: false, search: false, padding: 'dense' }}
        />
      )}
    </AsyncView>
  );
};
