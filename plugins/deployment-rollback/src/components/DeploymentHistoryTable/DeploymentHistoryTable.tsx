import { Table, TableColumn } from '@backstage/core-components';
import { Deployment } from '@opshub/plugin-deployment-rollback-common';
import {
  AsyncView,
  formatTime,
  Pager,
  StatusChip,
  usePaging,
} from '@opshub/opshub-react';
import { useDeployments } from '../../hooks/useDeployments';

const columns: TableColumn<Deployment>[] = [
  { title: 'Service', field: 'service' },
  { title: 'Environment', field: 'environment' },
  { title: 'Version', field: 'version' },
  {
    title: 'Status',
    field: 'status',
    render: row => <StatusChip status={row.status} />,
  },
  { title: 'Source', field: 'source' },
  { title: 'Triggered by', field: 'triggeredBy' },
  {
    title: 'Started',
    field: 'startedAt',
    render: row => formatTime(row.startedAt),
  },
];

/** Deployment history with server-side paging. */
export const DeploymentHistoryTable = (props: { service?: string }) => {
  const paging = usePaging(20);
  const state = useDeployments({
    service: props.service,
    limit: paging.limit,
    offset: paging.offset,
  });

  return (
    <AsyncView
      {...state}
      isEmpty={value => value.totalCount === 0}
      emptyTitle="No deployments recorded yet"
      emptyDescription="Deployments appear here when your CI/CD pipeline reports them or when one is triggered from OpsHub."
    >
      {value => (
        <>
          <Table<Deployment>
            title={`Deployment history (${value.totalCount})`}
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
