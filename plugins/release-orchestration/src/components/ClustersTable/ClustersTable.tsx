import { Table, TableColumn } from '@backstage/core-components';
import IconButton from '@material-ui/core/IconButton';
import DeleteIcon from '@material-ui/icons/Delete';
import EditIcon from '@material-ui/icons/Edit';
import { useTheme } from '@material-ui/core/styles';
import { AsyncView } from '@opshub/opshub-react';
import {
  Cluster,
  clusterUpdatePermission,
} from '@opshub/plugin-release-orchestration-common';
import { useClusters } from '../../hooks/useClusters';
import { IfAllowed } from '../IfAllowed';

const columns: TableColumn<Cluster>[] = [
  { title: 'Cluster', field: 'name' },
  { title: 'Display name', field: 'displayName' },
  { title: 'Region', field: 'region', render: row => row.region ?? '—' },
  { title: 'Customers', field: 'customerCount', type: 'numeric' },
  { title: 'Active', field: 'activeCustomerCount', type: 'numeric' },
  {
    title: 'Catalog entity',
    field: 'catalogEntityRef',
    render: row => row.catalogEntityRef ?? '—',
  },
];

/** @internal */
export interface ClustersTableProps {
  /** The name of the highlighted cluster. */
  selected?: string;
  /** Called with the cluster name when a row is clicked. */
  onSelect?: (name: string) => void;
  /** Bumped after writes; refetches. */
  refresh?: number;
  /** With these, each row gets edit and delete buttons. */
  onEdit?: (cluster: Cluster) => void;
  onDelete?: (cluster: Cluster) => void;
}

const actionsColumn = (
  onEdit?: (cluster: Cluster) => void,
  onDelete?: (cluster: Cluster) => void,
): TableColumn<Cluster> => ({
  title: 'Actions',
  sorting: false,
  render: row => (
    <IfAllowed permission={clusterUpdatePermission} resourceRef={row.name}>
      {onEdit && (
        <IconButton
          size="small"
          aria-label={`Edit cluster ${row.name}`}
          onClick={e => {
            e.stopPropagation();
            onEdit(row);
          }}
        >
          <EditIcon fontSize="small" />
        </IconButton>
      )}
      {onDelete && (
        <IconButton
          size="small"
          aria-label={`Delete cluster ${row.name}`}
          onClick={e => {
            e.stopPropagation();
            onDelete(row);
          }}
        >
          <DeleteIcon fontSize="small" />
        </IconButton>
      )}
    </IfAllowed>
  ),
});

/**
 * Every cluster with its customer counts; rows can be selected.
 *
 * @internal
 */
export const ClustersTable = (props: ClustersTableProps) => {
  const { selected, onSelect, refresh, onEdit, onDelete } = props;
  const theme = useTheme();
  const state = useClusters(refresh);
  const shown =
    onEdit || onDelete
      ? [...columns, actionsColumn(onEdit, onDelete)]
      : columns;
  return (
    <AsyncView
      {...state}
      isEmpty={items => items.length === 0}
      emptyTitle="No clusters registered yet"
      emptyDescription="Clusters appear here once they are added to the release-orchestration database."
    >
      {items => (
        <Table<Cluster>
          title={`Clusters (${items.length})`}
          columns={shown}
          data={items}
          onRowClick={
            onSelect ? (_event, row) => row && onSelect(row.name) : undefined
          }
          options={{
            paging: false,
            search: false,
            padding: 'dense',
            rowStyle: row =>
              row.name === selected
                ? { backgroundColor: theme.palette.action.selected }
                : {},
          }}
        />
      )}
    </AsyncView>
  );
};
