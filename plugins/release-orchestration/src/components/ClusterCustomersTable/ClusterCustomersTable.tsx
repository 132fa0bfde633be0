import { Link, Table, TableColumn } from '@backstage/core-components';
import IconButton from '@material-ui/core/IconButton';
import DeleteIcon from '@material-ui/icons/Delete';
import EditIcon from '@material-ui/icons/Edit';
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

const actionsColumn = (
  onEdit?: (customer: Customer) => void,
  onDelete?: (customer: Customer) => void,
): TableColumn<Customer> => ({
  title: 'Actions',
  sorting: false,
  render: row => (
    <>
      {onEdit && (
        <IconButton
          size="small"
          aria-label={`Edit customer ${row.name}`}
          onClick={() => onEdit(row)}
        >
          <EditIcon fontSize="small" />
        </IconButton>
      )}
      {onDelete && (
        <IconButton
          size="small"
          aria-label={`Delete customer ${row.name}`}
          onClick={() => onDelete(row)}
        >
          <DeleteIcon fontSize="small" />
        </IconButton>
      )}
    </>
  ),
});

/**
 * The customers of one cluster, with server-side paging.
 *
 * @internal
 */
export const ClusterCustomersTable = (props: {
  clusterName: string;
  /** Links each customer's name, e.g. to its page. */
  customerLink?: (customerId: number) => string;
  /** Bumped after writes; refetches. */
  refresh?: number;
  /** With these, each row gets edit and delete buttons. */
  onEdit?: (customer: Customer) => void;
  onDelete?: (customer: Customer) => void;
}) => {
  const { clusterName, customerLink, refresh, onEdit, onDelete } = props;
  const paging = usePaging(20);
  const state = useClusterCustomers({
    clusterName,
    limit: paging.limit,
    offset: paging.offset,
    refresh,
  });
  const shown =
    onEdit || onDelete
      ? [...columns(customerLink), actionsColumn(onEdit, onDelete)]
      : columns(customerLink);

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
            columns={shown}
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
