import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import {
  DEVOPS_INSPECTOR_PLUGIN_ID,
  devopsInspectorPermissions,
} from '@opshub/plugin-devops-inspector-common';
import { readInspectorEnvironments } from './config';
import { DatabaseActivityStore } from './database/DatabaseActivityStore';
import { DatabaseCompareJobStore } from './database/DatabaseCompareJobStore';
import { DatabaseSnapshotStore } from './database/DatabaseSnapshotStore';
import { readDriftConfig } from './driftConfig';
import { ReadOnlyEnvironmentDatabases } from './database/EnvironmentDatabases';
import { ReadOnlyPostgres } from './database/ReadOnlyPostgres';
import {
  inspectorEnvironmentResourceRef,
  isEnvironmentTier,
} from './permissions/rules';
import { createRouter } from './service/router';
import { processMetrics } from './service/ProcessMetrics';
import {
  pruneActivity,
  pruneSnapshots,
  readActivityRetentionDays,
  readSnapshotRetentionDays,
} from './service/retention';
import { createServices } from './service/services';

/** Compare jobs are kept this long after they ended. */
const COMPARE_JOB_RETENTION_MS = 24 * 60 * 60 * 1000;

/**
 * The devops-inspector backend plugin.
 *
 * @public
 */
export const devopsInspectorPlugin = createBackendPlugin({
  pluginId: DEVOPS_INSPECTOR_PLUGIN_ID,
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
        notifications: notificationService,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        signals: signalsServiceRef,
      },
      async init({
        config,
        database,
        httpAuth,
        httpRouter,
        lifecycle,
        logger,
        notifications,
        permissions,
        permissionsRegistry,
        scheduler,
        signals,
      }) {
        const environments = readInspectorEnvironments(config);
        const drift = readDriftConfig(config);
        const postgres = new ReadOnlyPostgres({ environments, logger });
        const databases = new ReadOnlyEnvironmentDatabases({
          environments,
          postgres,
        });
        const store = await DatabaseActivityStore.create({ database });
        permissionsRegistry.addPermissions(devopsInspectorPermissions);
        // the environment tier is the resource attribute a policy can gate
        // prod with (rule IS_ENVIRONMENT_TIER)
        permissionsRegistry.addResourceType({
          resourceRef: inspectorEnvironmentResourceRef,
          permissions: devopsInspectorPermissions.filter(
            p =>
              'resourceType' in p &&
              p.resourceType === inspectorEnvironmentResourceRef.resourceType,
          ),
          rules: [isEnvironmentTier],
          getResources: async refs =>
            refs.map(ref => {
              const found = environments.find(e => e.name === ref);
              return found ? { name: found.name, tier: found.tier } : undefined;
            }),
        });
        const snapshotStore = await DatabaseSnapshotStore.create({ database });
        const snapshotDays = readSnapshotRetentionDays(config);
        const services = createServices({
          config,
          environments,
          databases,
          postgres,
          store,
          snapshotStore,
          compareJobStore: await DatabaseCompareJobStore.create({ database }),
          signals,
          notifications,
          notifyRecipients: drift.notifyRecipients,
          logger,
          // one collector per process, counting from now on
          processMetrics: processMetrics(),
        });
        // running compare jobs end (failed) before their pools close
        lifecycle.addShutdownHook(async () => {
          await services.compareJobs.stop();
          await postgres.close();
        });

        await scheduler.scheduleTask({
          id: 'devops-inspector-retention',
          scope: 'global',
          frequency: { hours: 24 },
          timeout: { minutes: 10 },
          initialDelay: { minutes: 5 },
          fn: async () => {
            const pruned = await services.compareJobs.prune(
              new Date(Date.now() - COMPARE_JOB_RETENTION_MS),
            );
            logger.info(`Pruned ${pruned} ended compare job(s)`);
            // unlabeled and drift-check snapshots past
            // devopsInspector.retention.snapshotDays
            await pruneSnapshots({
              store: snapshotStore,
              snapshotDays,
              logger,
            });
          },
        });
        // one global task per environment: one backend at a time snapshots
        // it and compares with the previous snapshot
        for (const { environment, frequency } of drift.environments) {
          await scheduler.scheduleTask({
            id: `devops-inspector-drift-${environment}`,
            scope: 'global',
            frequency,
            timeout: { minutes: 15 },
            fn: async () => {
              await services.drift.check(environment);
            },
          });
        }

        // the activity log is kept for devopsInspector.retention.activityDays
        const activityDays = readActivityRetentionDays(config);
        await scheduler.scheduleTask({
          id: 'devops-inspector-activity-retention',
          frequency: { hours: 24 },
          initialDelay: { minutes: 5 },
          timeout: { minutes: 30 },
          scope: 'global',
          fn: async () => {
            await pruneActivity({ store, activityDays, logger });
          },
        });

        httpRouter.use(await createRouter({ httpAuth, permissions, services }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
