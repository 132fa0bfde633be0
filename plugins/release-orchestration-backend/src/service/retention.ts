import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { readIntegerConfig } from '@opshub/opshub-node';
import { EventStore } from '../database/ReleaseStore';

/** How long the step history (the releases' audit trail) is kept. @internal */
export interface RetentionSettings {
  eventDays: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * `releaseOrchestration.retention.eventDays`: a year unless configured
 * otherwise (seed 003 keeps audit for a year).
 *
 * @internal
 */
export function readRetention(config: Config): RetentionSettings {
  return {
    eventDays: readIntegerConfig(
      config,
      'releaseOrchestration.retention.eventDays',
      { defaultValue: 365, min: 1, max: 36_500 },
    ),
  };
}

/**
 * Deletes step history older than the retention. Releases, steps and their
 * current status are kept: only the history rows go.
 *
 * @internal
 */
export async function pruneStepHistory(options: {
  store: Pick<EventStore, 'pruneEvents'>;
  retention: RetentionSettings;
  logger?: LoggerService;
  now?: Date;
}): Promise<number> {
  const now = (options.now ?? new Date()).getTime();
  const deleted = await options.store.pruneEvents(
    new Date(now - options.retention.eventDays * DAY_MS),
  );
  if (deleted) {
    options.logger?.info(
      `Retention: deleted ${deleted} step history rows older than ${options.retention.eventDays} days`,
    );
  }
  return deleted;
}
