import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { readIntegerConfig } from '@opshub/opshub-node';
import { ActivityStore } from '../database/ActivityStore';

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
