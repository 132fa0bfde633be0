import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  DEVOPS_INSPECTOR_PLUGIN_ID,
  devopsInspectorPermissions,
} from '@opshub/plugin-devops-inspector-common';
import { readInspectorEnvironments } from './config';
import { DatabaseActivityStore } from './database/DatabaseActivityStore';
import { ReadOnlyEnvironmentDatabases } from './database/EnvironmentDatabases';
import { ReadOnlyPostgres } from './database/ReadOnlyPostgres';
import {
  inspectorEnvironmentResourceRef,
  isEnvironmentTier,
} from './permissions/rules';
import { createRouter } from './service/router';
import { processMetrics } from './service/ProcessMetrics';
import { pruneActivity, readActivityRetentionDays } from './service/retention';
import { createServices } from './service/services';

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
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
      },
      async init({
        config,
        database,
        httpAuth,
        httpRouter,
        lifecycle,
        logger,
        permissions,
        permissionsRegistry,
        scheduler,
      }) {
        const environments = readInspectorEnvironments(config);
        const postgres = new ReadOnlyPostgres({ environments, logger });
        lifecycle.addShutdownHook(() => postgres.close());
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
        const services = createServices({
          config,
          environments,
          databases,
          postgres,
          store,
          logger,
          // one collector per process, counting from now on
          processMetrics: processMetrics(),
        });

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
