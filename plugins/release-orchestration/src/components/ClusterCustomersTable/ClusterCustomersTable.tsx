import { Link, Table, TableColumn } from '@backstage/core-components';
import { AsyncView, StatusChip, Pager, usePaging } from '@opshub/opshub-react';
import { Customer } from '@opshub/plugin-release-orchestration-common';
import { useClusterCustomers } from '../../hooks/useClusterCustomers';

const columns = (
  customerLink?: (id: number) => string,
): TableColumn<Customer>[] => [
  {
    title: 'Customer',
    field: 'name',
    render: row =>
      customerLink ? (
        <Link to={customerLink(row.id)}>{row.name}</Link>
      ) : (
        row.name
      ),
  },
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
export const ClusterCustomersTable = (props: {
  clusterName: string;
  /** Links each customer's name, e.g. to its page. */
  customerLink?: (customerId: number) => string;
}) => {
  const { clusterName, customerLink } = props;
  const paging = usePaging(20);
  const state = useClusterCustomers({
    clusterName,
    limit: paging.limit,
    offset: paging.offset,
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
            columns={columns(customerLink)}
            data={value.items}
            isLoading={state.loading}
            options={{ paging: false, search: false, padding: 'dense' }}
          />
          <Pager paging={paging} count={value.totalCount} />
        </>
      )}
    </AsyncView>
  );
};
