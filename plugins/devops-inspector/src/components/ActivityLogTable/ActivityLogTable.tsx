import { Table, TableColumn } from '@backstage/core-components';
import { ActivityEntry } from '@opshub/plugin-devops-inspector-common';
import { AsyncView, formatTime, Pager, usePaging } from '@opshub/opshub-react';
import { useActivity } from '../../hooks/useInspector';

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
  const paging = usePaging(10);
  const state = useActivity({ limit: paging.limit, offset: paging.offset });
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
          <Pager paging={paging} count={value.totalCount} />
        </>
      )}
    </AsyncView>
  );
};
