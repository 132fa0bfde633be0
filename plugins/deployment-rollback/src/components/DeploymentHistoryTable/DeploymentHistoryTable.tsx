import { TableColumn } from '@backstage/core-components';
import { Deployment } from '@opshub/plugin-deployment-rollback-common';
import {
  formatTime,
  PagedTable,
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
    <PagedTable<Deployment>
      state={state}
      paging={paging}
      columns={columns}
      title="Deployment history"
      emptyTitle="No deployments recorded yet"
      emptyDescription="Deployments appear here when your CI/CD pipeline reports them or when one is triggered from OpsHub."
    />
  );
};
