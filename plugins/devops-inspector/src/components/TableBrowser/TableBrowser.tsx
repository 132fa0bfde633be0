import { TableColumn } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import {
  SortOrder,
  TableSortKey,
  TableSummary,
} from '@opshub/plugin-devops-inspector-common';
import {
  formatBytes,
  formatTime,
  PagedTable,
  usePaging,
} from '@opshub/opshub-react';
import { useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import { useTables } from '../../hooks/useInspector';
import { formatRows } from '../../utils/format';
import { TableDetailView } from '../TableDetailView';

const SORTS: Array<{ value: string; label: string }> = [
  { value: 'name:asc', label: 'Name (A–Z)' },
  { value: 'name:desc', label: 'Name (Z–A)' },
  { value: 'rows:desc', label: 'Rows (most first)' },
  { value: 'rows:asc', label: 'Rows (fewest first)' },
  { value: 'size:desc', label: 'Size (largest first)' },
  { value: 'size:asc', label: 'Size (smallest first)' },
];

const columns: TableColumn<TableSummary>[] = [
  { title: 'Schema', field: 'schema' },
  { title: 'Table', field: 'name' },
  {
    title: 'Rows (estimate)',
    field: 'estimatedRows',
    type: 'numeric',
    render: row => formatRows(row.estimatedRows),
  },
  {
    title: 'Total size',
    field: 'totalBytes',
    type: 'numeric',
    render: row => formatBytes(row.totalBytes),
  },
  {
    title: 'Index size',
    field: 'indexBytes',
    type: 'numeric',
    render: row => formatBytes(row.indexBytes),
  },
  { title: 'Columns', field: 'columnCount', type: 'numeric' },
  { title: 'Indexes', field: 'indexCount', type: 'numeric' },
  {
    title: 'Last vacuum',
    field: 'lastVacuum',
    render: row => formatTime(row.lastVacuum),
  },
  {
    title: 'Last analyze',
    field: 'lastAnalyze',
    render: row => formatTime(row.lastAnalyze),
  },
];

/** @internal */
export interface TableBrowserProps {
  environment: string;
  /** Milliseconds between the last keystroke and the request. */
  debounceMs?: number;
}

/**
 * The tables of one environment with a name filter and server-side paging.
 *
 * @internal
 */
export const TableBrowser = (props: TableBrowserProps) => {
  const { environment, debounceMs = 300 } = props;
  const [input, setInput] = useState('');
  const [filter, setFilter] = useState('');
  const paging = usePaging(20);
  const [sortBy, setSortBy] = useState<string>();
  const [selected, setSelected] = useState<{ schema: string; name: string }>();
  const [sort, order] = (sortBy?.split(':') ?? []) as [
    TableSortKey | undefined,
    SortOrder | undefined,
  ];
  useDebounce(
    () => {
      setFilter(input.trim());
      paging.setPage(0);
    },
    debounceMs,
    [input],
  );
  const state = useTables(environment, {
    filter: filter || undefined,
    limit: paging.limit,
    offset: paging.offset,
    sort,
    order,
  });

  return (
    <>
      <Box display="flex" style={{ gap: 16 }}>
        <TextField
          label="Filter tables"
          placeholder="schema.table"
          value={input}
          onChange={event => setInput(event.target.value)}
          inputProps={{ 'aria-label': 'Filter tables', maxLength: 255 }}
          margin="dense"
          variant="outlined"
        />
        <TextField
          select
          label="Sort by"
          value={sortBy ?? 'name:asc'}
          onChange={event => {
            setSortBy(event.target.value);
            paging.setPage(0);
          }}
          SelectProps={{ SelectDisplayProps: { 'aria-label': 'Sort tables' } }}
          margin="dense"
          variant="outlined"
          style={{ minWidth: 200 }}
        >
          {SORTS.map(s => (
            <MenuItem key={s.value} value={s.value}>
              {s.label}
            </MenuItem>
          ))}
        </TextField>
      </Box>
      <PagedTable<TableSummary>
        state={state}
        paging={paging}
        columns={columns}
        title={`Tables of ${environment}`}
        emptyTitle={filter ? 'No table matches the filter' : 'No tables'}
        emptyDescription={
          filter
            ? `No table name contains "${filter}".`
            : 'This database has no tables outside the system schemas.'
        }
        onRowClick={row => setSelected({ schema: row.schema, name: row.name })}
      />
      {selected && (
        <Box mt={2}>
          <TableDetailView
            key={`${selected.schema}.${selected.name}`}
            environment={environment}
            schema={selected.schema}
            table={selected.name}
            onClose={() => setSelected(undefined)}
          />
        </Box>
      )}
    </>
  );
};
