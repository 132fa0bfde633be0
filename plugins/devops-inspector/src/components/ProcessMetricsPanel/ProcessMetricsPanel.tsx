import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import { BackendProcessMetrics } from '@opshub/plugin-devops-inspector-common';
import {
  AsyncView,
  formatBytes,
  formatLatency,
  formatPercent,
  formatTime,
} from '@opshub/opshub-react';
import { ReactNode } from 'react';
import { RefreshOptions, useProcessMetrics } from '../../hooks/useDrawer';

const Row = (props: { label: string; children: ReactNode }) => (
  <TableRow>
    <TableCell component="th" scope="row" padding="none">
      {props.label}
    </TableCell>
    <TableCell>{props.children}</TableCell>
  </TableRow>
);

const count = (n: number) => n.toLocaleString('en-US');

/** @internal */
export const ProcessMetricsView = ({
  value,
}: {
  value: BackendProcessMetrics;
}) => {
  const { memory, eventLoop, requests } = value;
  return (
    <Table size="small" aria-label="Backend process">
      <TableBody>
        <Row label="Memory (RSS)">{formatBytes(memory.rssBytes)}</Row>
        <Row label="Heap">
          {formatBytes(memory.heapUsedBytes)} used of{' '}
          {formatBytes(memory.heapTotalBytes)}
        </Row>
        <Row label="Event-loop delay">
          {eventLoop.meanMs === null
            ? 'not measured yet'
            : `mean ${formatLatency(eventLoop.meanMs)} · p99 ${formatLatency(
                eventLoop.p99Ms,
              )} · max ${formatLatency(eventLoop.maxMs)} (last ${
                eventLoop.windowSeconds
              } s)`}
        </Row>
        <Row label="Requests">
          {count(requests.completed)} answered of {count(requests.started)}{' '}
          since {formatTime(requests.since)}
        </Row>
        <Row label="Errors">
          {count(requests.serverErrors)} 5xx (
          {requests.errorRate === null
            ? 'no request yet'
            : formatPercent(requests.errorRate * 100)}
          ) · {count(requests.clientErrors)} 4xx
        </Row>
      </TableBody>
    </Table>
  );
};

/**
 * The backend process as measured by `GET /process`: memory, event-loop
 * delay, and the requests it served with their error rate.
 *
 * @internal
 */
export const ProcessMetricsPanel = (props: RefreshOptions) => {
  const state = useProcessMetrics(props);
  return (
    <AsyncView {...state} emptyTitle="No process metrics">
      {value => <ProcessMetricsView value={value} />}
    </AsyncView>
  );
};
