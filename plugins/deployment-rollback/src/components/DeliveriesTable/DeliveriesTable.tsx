import { TableColumn } from '@backstage/core-components';
import { WebhookDelivery } from '@opshub/plugin-deployment-rollback-common';
import {
  formatTime,
  PagedTable,
  StatusChip,
  usePaging,
} from '@opshub/opshub-react';
import { useDeliveries } from '../../hooks/useDeployments';

const outcomeTone: Record<string, string> = {
  processed: 'succeeded',
  rejected: 'failed',
  failed: 'failed',
  ignored: 'skipped',
  pending: 'pending',
};

const columns: TableColumn<WebhookDelivery>[] = [
  {
    title: 'Received',
    field: 'receivedAt',
    render: row => formatTime(row.receivedAt),
  },
  { title: 'Provider', field: 'provider' },
  { title: 'Event', field: 'event' },
  {
    title: 'Verified',
    field: 'verified',
    render: row => (row.verified ? 'yes' : 'no'),
  },
  {
    title: 'Outcome',
    field: 'outcome',
    render: row => (
      <StatusChip
        status={outcomeTone[row.outcome] ?? row.outcome}
        label={row.outcome}
      />
    ),
  },
  { title: 'Delivery', field: 'deliveryKey' },
  { title: 'Error', field: 'error', render: row => row.error ?? '' },
];

/** Received webhook deliveries, for users who may read them. */
export const DeliveriesTable = () => {
  const paging = usePaging(10);
  const state = useDeliveries({ limit: paging.limit, offset: paging.offset });
  return (
    <PagedTable<WebhookDelivery>
      state={state}
      paging={paging}
      columns={columns}
      title="Webhook deliveries"
      emptyTitle="No webhook delivery received yet"
      emptyDescription="Point your CI/CD system at /api/deployment-rollback/webhooks/<provider> (github, gitlab, argocd or generic)."
    />
  );
};
