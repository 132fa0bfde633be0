import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import { DatabaseTotals } from '@opshub/plugin-devops-inspector-common';
import {
  AsyncView,
  formatBytes,
  formatLatency,
  StatusChip,
} from '@opshub/opshub-react';
import { RefreshOptions, useEnvironmentList } from '../../hooks/useDrawer';

const count = (n: number) => n.toLocaleString('en-US');

/**
 * `12 tables · 1.2 GB · ~3,400 rows (2 tables not analyzed)`, or why the
 * totals are missing.
 *
 * @internal
 */
export function formatTotals(totals: DatabaseTotals | null | undefined) {
  if (totals === undefined) {
    return undefined;
  }
  if (totals === null) {
    return 'totals unavailable';
  }
  const tables = `${count(totals.tableCount)} ${
    totals.tableCount === 1 ? 'table' : 'tables'
  }`;
  const rows =
    totals.estimatedRows === null
      ? 'rows not estimated'
      : `~${count(totals.estimatedRows)} rows`;
  const unknown = totals.tablesWithoutEstimate
    ? ` (${count(totals.tablesWithoutEstimate)} not analyzed)`
    : '';
  return `${tables} · ${formatBytes(totals.sizeBytes)} · ${rows}${unknown}`;
}

/**
 * The database of every environment the user may read, with its measured
 * status, server version, probe latency, and totals: tables, size and
 * estimated rows.
 *
 * @internal
 */
export const DatabaseStatusList = (props: RefreshOptions) => {
  const state = useEnvironmentList(props);
  return (
    <AsyncView
      {...state}
      isEmpty={value => value.length === 0}
      emptyTitle="No environment to inspect"
    >
      {value => (
        <List dense disablePadding aria-label="Environment databases">
          {value.map(env => (
            <ListItem key={env.name} dense disableGutters>
              <ListItemText
                primary={
                  <>
                    {env.label} ({env.name}){' '}
                    <StatusChip status={env.database.status} />
                  </>
                }
                secondary={
                  env.database.status === 'up'
                    ? [
                        `PostgreSQL ${env.database.serverVersion}`,
                        formatLatency(env.database.latencyMs),
                        formatTotals(env.database.totals),
                      ]
                        .filter(Boolean)
                        .join(' · ')
                    : env.database.error
                }
              />
            </ListItem>
          ))}
        </List>
      )}
    </AsyncView>
  );
};
