import {
  DatabaseService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  createOpenSearchLogSource,
  LogSource,
} from '@opshub/plugin-infra-health-node';
import { HealthStore } from './database/HealthStore';
import { LogService } from './logs/LogService';
import { DatabaseRollupStore } from './rollups/DatabaseRollupStore';
import { RollupService } from './rollups/RollupService';
import { readSloConfig } from './slo/config';
import { DatabaseSloStore } from './slo/DatabaseSloStore';
import { PrometheusClient } from './slo/PrometheusClient';
import { ChecksSliSource, PrometheusSliSource } from './slo/sliSources';
import { SloService } from './slo/SloService';

/**
 * The services of rollups, SLOs and logs, with their scheduled tasks:
 * `infra-health-rollups` (scope global, every 10 minutes) writes the hourly
 * rollups of completed hours and prunes those older than 90 days.
 *
 * @internal
 */
export async function createObservabilityServices(options: {
  config: Config;
  database: DatabaseService;
  logger: LoggerService;
  scheduler: SchedulerService;
  healthStore: HealthStore;
  sampleRetentionDays: number;
  /** A source from `infraHealthLogSourceExtensionPoint`, which wins over config. */
  logSource?: LogSource;
}): Promise<{ rollups: RollupService; slos: SloService; logs: LogService }> {
  const { config, database, logger, scheduler, healthStore } = options;
  const { sampleRetentionDays } = options;
  const { slos: configSlos, prometheus } = readSloConfig(config);

  const rollupStore = await DatabaseRollupStore.create({ database });
  const rollups = new RollupService({
    store: rollupStore,
    healthStore,
    logger,
    sampleRetentionDays,
  });
  await scheduler.scheduleTask({
    id: 'infra-health-rollups',
    scope: 'global',
    frequency: { minutes: 10 },
    timeout: { minutes: 10 },
    initialDelay: { seconds: 30 },
    fn: async () => {
      await rollups.rollupCompletedHours();
      await rollups.pruneRollups();
    },
  });

  const slos = new SloService({
    store: await DatabaseSloStore.create({ database }),
    sources: {
      checks: new ChecksSliSource({
        healthStore,
        rollups: rollupStore,
        sampleRetentionDays,
        now: () => new Date(),
      }),
      ...(prometheus
        ? {
            prometheus: new PrometheusSliSource(
              new PrometheusClient(prometheus),
            ),
          }
        : {}),
    },
    logger,
  });
  await slos.syncConfigSlos(configSlos);
  if (!prometheus) {
    logger.info(
      'infraHealth.prometheus.baseUrl is not set: Prometheus SLOs show "not configured"',
    );
  }

  const logSource = options.logSource ?? createOpenSearchLogSource(config);
  const logs = new LogService({ source: logSource, logger });
  return { rollups, slos, logs };
}
