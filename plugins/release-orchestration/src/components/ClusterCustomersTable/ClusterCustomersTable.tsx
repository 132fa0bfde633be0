import { Table, TableColumn } from '@backstage/core-components';
import TablePagination from '@material-ui/core/TablePagination';
import { AsyncView, StatusChip } from '@opshub/opshub-react';
import { Customer } from '@opshub/plugin-release-orchestration-common';
import { useState } from 'react';
import { useClusterCustomers } from '../../hooks/useClusterCustomers';

const columns: TableColumn<Customer>[] = [
  { title: 'Customer', field: 'name' },
  { title: 'Namespace', field: 'namespace' },
  {
    title: 'Status',
    field: 'isActive',
    render: row => <StatusChip status={row.isActive ? 'active' : 'inactive'} />,
  },
  { title: 'Notes', field: 'notes', render: row => row.notes ?? '' },
];

/**
 * The customers of one cluster, with server-side paging.
 *
 * @internal
 */
export const ClusterCustomersTable = (props: { clusterName: string }) => {
  const { clusterName } = props;
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(20);
  const state = useClusterCustomers({
    clusterName,
    limit: pageSize,
    offset: page * pageSize,
  });

  return (
    <AsyncView
      {...state}
      isEmpty={value => value.totalCount === 0}
      emptyTitle={`No customers on ${clusterName} yet`}
      emptyDescription="Customers appear here once they are added to the cluster in release orchestration."
    >
      {value => (
        <>
          <Table<Customer>
            title={`Customers of ${clusterName} (${value.totalCount})`}
            columns={columns}
            data={value.items}
            isLoading={state.loading}
            options={{ paging: false, search: false, padding: 'dense' }}
          />
          <TablePagination
            component="div"
            count={value.totalCount}
            page={page}
            rowsPerPage={pageSize}
            rowsPerPageOptions={[10, 20, 50, 100]}
            onPageChange={(_event, next) => setPage(next)}
            onRowsPerPageChange={event => {
              setPageSize(Number(event.target.value));
              setPage(0);
            }}
          />
        </>
      )}
    </AsyncView>
  );
};
