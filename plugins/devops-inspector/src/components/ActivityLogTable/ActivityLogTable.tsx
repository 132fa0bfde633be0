import { Table, TableColumn } from '@backstage/core-components';
import TablePagination from '@material-ui/core/TablePagination';
import { ActivityEntry } from '@opshub/plugin-devops-inspector-common';
import { AsyncView } from '@opshub/opshub-react';
import { useState } from 'react';
import { useActivity } from '../../hooks/useInspector';
import { formatTime } from '../../utils/format';

const columns: TableColumn<ActivityEntry>[] = [
  {
    title: 'When',
    field: 'createdAt',
    render: row => formatTime(row.createdAt),
  },
  { title: 'Who', field: 'actor' },
  { title: 'Action', field: 'action' },
  {
    title: 'Environment',
    field: 'environment',
    render: row => row.environment ?? '—',
  },
  {
    title: 'Details',
    field: 'details',
    render: row => (row.details ? JSON.stringify(row.details) : ''),
  },
];

/**
 * Who looked at which environment, newest first, with server-side paging.
 *
 * @internal
 */
export const ActivityLogTable = () => {
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(10);
  const state = useActivity({ limit: pageSize, offset: page * pageSize });
  return (
    <AsyncView
      {...state}
      isEmpty={value => value.totalCount === 0}
      emptyTitle="No activity yet"
      emptyDescription="Every table listing is recorded here with who asked for it."
    >
      {value => (
        <>
          <Table<ActivityEntry>
            title={`Activity (${value.totalCount})`}
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
            rowsPerPageOptions={[10, 20, 50]}
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
