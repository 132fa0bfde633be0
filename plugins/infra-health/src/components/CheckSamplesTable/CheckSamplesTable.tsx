import { TableColumn } from '@backstage/core-components';
import { HealthSample } from '@opshub/plugin-infra-health-common';
import {
  formatLatency,
  formatTime,
  PagedTable,
  StatusChip,
  UNKNOWN_TEXT,
  usePaging,
} from '@opshub/opshub-react';
import { useHealthSamples } from '../../hooks/useHealthSamples';

const columns: TableColumn<HealthSample>[] = [
  {
    title: 'Sampled',
    field: 'sampledAt',
    render: row => formatTime(row.sampledAt),
  },
  {
    title: 'Result',
    field: 'status',
    render: row => <StatusChip status={row.status} />,
  },
  {
    title: 'HTTP',
    field: 'httpStatus',
    render: row => row.httpStatus ?? UNKNOWN_TEXT,
  },
  {
    title: 'Latency',
    field: 'latencyMs',
    render: row => formatLatency(row.latencyMs),
  },
  { title: 'Error', field: 'error', render: row => row.error ?? '' },
];

/** @internal */
export interface CheckSamplesTableProps {
  checkId: number;
  checkName: string;
}

/**
 * A check's probe samples, newest first, paged on the server.
 *
 * @internal
 */
export const CheckSamplesTable = (props: CheckSamplesTableProps) => {
  const paging = usePaging(10);
  const state = useHealthSamples(props.checkId, paging);
  return (
    <PagedTable<HealthSample>
      state={state}
      paging={paging}
      columns={columns}
      title={`Samples of ${props.checkName}`}
      emptyTitle="No samples yet"
      emptyDescription="The check is probed at its interval; samples older than the retention are pruned."
    />
  );
};
