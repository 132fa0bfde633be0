import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';

/**
 * The scheduled drift check of one environment.
 *
 * @internal
 */
export interface DriftEnvironmentConfig {
  environment: string;
  frequency: SchedulerServiceTaskScheduleDefinition['frequency'];
}

/**
 * `devopsInspector.drift` and every `devopsInspector.environments.<name>.drift`,
 * with defaults applied.
 *
 * @internal
 */
export interface DriftConfig {
  /** The environments whose drift check is enabled, in configuration order. */
  environments: DriftEnvironmentConfig[];
  /** Entity refs told about breaking drift by a Backstage notification. */
  notifyRecipients: string[];
}

/** @internal */
export const DEFAULT_DRIFT_FREQUENCY = { hours: 6 } as const;

/**
 * Reads the drift check configuration: off unless an environment sets
 * `drift.enabled: true`. `drift.schedule` is a cron expression (a string
 * with spaces, e.g. `0 *\/6 * * *`), a duration string (`6h`, `PT6H`) or a
 * duration object (`{ hours: 6 }`); it defaults to every 6 hours.
 *
 * @internal
 */
export function readDriftConfig(config: Config): DriftConfig {
  const environments: DriftEnvironmentConfig[] = [];
  const all = config.getOptionalConfig('devopsInspector.environments');
  for (const name of all?.keys() ?? []) {
    const drift = all!.getConfig(name).getOptionalConfig('drift');
    if (!drift?.getOptionalBoolean('enabled')) {
      continue;
    }
    const schedule = drift.getOptional('schedule');
    let frequency: DriftEnvironmentConfig['frequency'] =
      DEFAULT_DRIFT_FREQUENCY;
    if (typeof schedule === 'string' && /\s/.test(schedule.trim())) {
      frequency = { cron: schedule.trim() };
    } else if (schedule !== undefined) {
      frequency = readDurationFromConfig(drift, { key: 'schedule' });
    }
    environments.push({ environment: name, frequency });
  }
  return {
    environments,
    notifyRecipients:
      config.getOptionalStringArray(
        'devopsInspector.drift.notify.recipients',
      ) ?? [],
  };
}
