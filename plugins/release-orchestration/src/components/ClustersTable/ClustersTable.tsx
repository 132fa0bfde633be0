import { Table, TableColumn } from '@backstage/core-components';
import { useTheme } from '@material-ui/core/styles';
import { AsyncView } from '@opshub/opshub-react';
import { Cluster } from '@opshub/plugin-release-orchestration-common';
import { useClusters } from '../../hooks/useClusters';

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
}

/**
 * Every cluster with its customer counts; rows can be selected.
 *
 * @internal
 */
export const ClustersTable = (props: ClustersTableProps) => {
  const { selected, onSelect } = props;
  const theme = useTheme();
  const state = useClusters();
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
          columns={columns}
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
