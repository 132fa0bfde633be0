import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import {
  DatabaseHealth,
  DependencyHealth,
  StatusSummary,
} from '@opshub/plugin-devops-inspector-common';
import {
  AsyncView,
  formatLatency,
  formatTime,
  StatusChip,
} from '@opshub/opshub-react';
import { RefreshOptions, useStatusSummary } from '../../hooks/useDrawer';

function targetStatus(target: { status: 'up' | 'down'; slow: boolean }) {
  if (target.status === 'down') {
    return 'down';
  }
  return target.slow ? 'degraded' : 'ok';
}

function targetLabel(target: { status: 'up' | 'down'; slow: boolean }) {
  if (target.status === 'down') {
    return 'down';
  }
  return target.slow ? 'slow' : 'up';
}

function poolText(db: DatabaseHealth): string {
  if (!db.pool) {
    return 'pool not opened yet';
  }
  const { totalCount, idleCount, waitingCount, max } = db.pool;
  return `pool ${totalCount}/${max} open, ${idleCount} idle, ${waitingCount} waiting`;
}

const DatabaseItem = ({ db }: { db: DatabaseHealth }) => (
  <ListItem dense disableGutters>
    <ListItemText
      primary={
        <>
          {db.label} ({db.name}){' '}
          <StatusChip status={targetStatus(db)} label={targetLabel(db)} />
        </>
      }
      secondary={
        db.status === 'up'
          ? `${formatLatency(db.latencyMs)} · ${poolText(db)}`
          : db.error
      }
    />
  </ListItem>
);

const DependencyItem = ({ dep }: { dep: DependencyHealth }) => (
  <ListItem dense disableGutters>
    <ListItemText
      primary={
        <>
          {dep.name}{' '}
          <StatusChip status={targetStatus(dep)} label={targetLabel(dep)} />
        </>
      }
      secondary={`${dep.url} · ${
        dep.statusCode === null ? 'no answer' : `HTTP ${dep.statusCode}`
      }${dep.latencyMs === null ? '' : ` · ${formatLatency(dep.latencyMs)}`}${
        dep.error && dep.statusCode === null ? ` · ${dep.error}` : ''
      }`}
    />
  </ListItem>
);

/** @internal */
export const HealthSummaryView = ({ value }: { value: StatusSummary }) => (
  <>
    <Typography variant="body2" component="div">
      Overall <StatusChip status={value.status} /> · measured{' '}
      {formatTime(value.checkedAt)} · slow above {value.slowThresholdMs} ms
    </Typography>
    <Typography variant="subtitle2">Databases</Typography>
    {value.databases.length === 0 ? (
      <Typography variant="body2">No database configured.</Typography>
    ) : (
      <List dense disablePadding aria-label="Database health">
        {value.databases.map(db => (
          <DatabaseItem key={db.name} db={db} />
        ))}
      </List>
    )}
    <Typography variant="subtitle2">HTTP dependencies</Typography>
    {value.dependencies.length === 0 ? (
      <Typography variant="body2">
        No dependency configured (devopsInspector.dependencies).
      </Typography>
    ) : (
      <List dense disablePadding aria-label="Dependency health">
        {value.dependencies.map(dep => (
          <DependencyItem key={dep.name} dep={dep} />
        ))}
      </List>
    )}
  </>
);

/**
 * The health summary (`GET /status`), measured again on every refresh.
 *
 * @internal
 */
export const HealthSummary = (props: RefreshOptions) => {
  const state = useStatusSummary(props);
  return (
    <AsyncView {...state} emptyTitle="No health summary">
      {value => <HealthSummaryView value={value} />}
    </AsyncView>
  );
};
