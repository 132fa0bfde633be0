import { EmptyState, InfoCard } from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Alert from '@material-ui/lab/Alert';
import { AsyncView, formatTime, StatusChip } from '@opshub/opshub-react';
import { useServiceLogs } from '../../hooks/useServiceLogs';

/** @public */
export interface RecentLogsProps {
  service: string;
  /** At most this many lines, 50 by default. */
  limit?: number;
}

/**
 * The recent error and warning log lines of a service, newest first, from the
 * configured log source (OpenSearch/Elasticsearch or a backend module). Says
 * so when no source is configured, and shows the source's error when it
 * failed.
 *
 * @public
 */
export const RecentLogs = ({ service, limit }: RecentLogsProps) => {
  const state = useServiceLogs(service, limit);
  return (
    <InfoCard
      title="Recent errors and warnings"
      subheader={state.value?.source ? `from ${state.value.source}` : undefined}
    >
      <AsyncView {...state} emptyTitle="No logs">
        {logs => {
          if (!logs.configured) {
            return (
              <EmptyState
                missing="info"
                title="Logs not configured"
                description="Set infraHealth.logs.opensearch in app-config.yaml, or install a backend module that provides a log source."
              />
            );
          }
          if (logs.error) {
            return (
              <Alert severity="error">
                Could not read the logs of {service}: {logs.error}
              </Alert>
            );
          }
          if (logs.lines.length === 0) {
            return (
              <EmptyState
                missing="data"
                title={`No errors or warnings for ${service} in the last hour`}
              />
            );
          }
          return (
            <Table size="small" aria-label="log lines">
              <TableHead>
                <TableRow>
                  <TableCell>Time</TableCell>
                  <TableCell>Level</TableCell>
                  <TableCell>Source</TableCell>
                  <TableCell>Message</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {logs.lines.map((line, index) => (
                  <TableRow key={`${line.timestamp}-${index}`}>
                    <TableCell style={{ whiteSpace: 'nowrap' }}>
                      {formatTime(line.timestamp)}
                    </TableCell>
                    <TableCell>
                      <StatusChip status={line.level} />
                    </TableCell>
                    <TableCell>{line.source ?? ''}</TableCell>
                    <TableCell style={{ wordBreak: 'break-word' }}>
                      {line.message}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          );
        }}
      </AsyncView>
    </InfoCard>
  );
};
