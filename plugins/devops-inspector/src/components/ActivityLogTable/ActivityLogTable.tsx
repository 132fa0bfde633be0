import { TableColumn } from '@backstage/core-components';
import { ActivityEntry } from '@opshub/plugin-devops-inspector-common';
import { formatTime, PagedTable, usePaging } from '@opshub/opshub-react';
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
    <PagedTable<ActivityEntry>
      state={state}
      paging={paging}
      columns={columns}
      title="Activity"
      emptyTitle="No activity yet"
      emptyDescription="Every table listing is recorded here with who asked for it."
    />
  );
};
