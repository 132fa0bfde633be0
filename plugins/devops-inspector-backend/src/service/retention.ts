import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { readIntegerConfig } from '@opshub/opshub-node';
import { ActivityStore } from '../database/ActivityStore';
import { SnapshotStore } from '../database/SnapshotStore';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * `devopsInspector.retention.activityDays`: days of activity log to keep, a
 * year unless configured.
 *
 * @internal
 */
export function readActivityRetentionDays(config: Config): number {
  return readIntegerConfig(config, 'devopsInspector.retention.activityDays', {
    defaultValue: 365,
    min: 1,
    max: 36_500,
  });
}

/**
 * Deletes the activity entries older than `activityDays`; resolves how many.
 *
 * @internal
 */
export async function pruneActivity(options: {
  store: Pick<ActivityStore, 'prune'>;
  activityDays: number;
  logger?: LoggerService;
  now?: Date;
}): Promise<number> {
  const now = (options.now ?? new Date()).getTime();
  const deleted = await options.store.prune(
    new Date(now - options.activityDays * DAY_MS),
  );
  if (deleted) {
    options.logger?.info(
      `Retention: deleted ${deleted} activity entries older than ${options.activityDays} days`,
    );
  }
  return deleted;
}

/**
 * `devopsInspector.retention.snapshotDays`: days to keep the schema
 * snapshots that nobody labeled and those of the drift check, 90 unless
 * configured.
 *
 * @internal
 */
export function readSnapshotRetentionDays(config: Config): number {
  return readIntegerConfig(config, 'devopsInspector.retention.snapshotDays', {
    defaultValue: 90,
    min: 1,
    max: 36_500,
  });
}

/**
 * Deletes the schema snapshots past `snapshotDays` that retention may drop
 * (see `SnapshotStore.pruneSnapshots`); resolves how many.
 *
 * @internal
 */
export async function pruneSnapshots(options: {
  store: Pick<SnapshotStore, 'pruneSnapshots'>;
  snapshotDays: number;
  logger?: LoggerService;
  now?: Date;
}): Promise<number> {
  const now = (options.now ?? new Date()).getTime();
  const deleted = await options.store.pruneSnapshots(
    new Date(now - options.snapshotDays * DAY_MS),
  );
  if (deleted) {
    options.logger?.info(
      `Retention: deleted ${deleted} schema snapshots older than ${options.snapshotDays} days`,
    );
  }
  return deleted;
}
