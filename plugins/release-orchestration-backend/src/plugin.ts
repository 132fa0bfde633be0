import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { isResourcePermission } from '@backstage/plugin-permission-common';
import {
  CLUSTER_RESOURCE_TYPE,
  RELEASE_ORCHESTRATION_PLUGIN_ID,
  RELEASE_RESOURCE_TYPE,
  releaseOrchestrationPermissions,
} from '@opshub/plugin-release-orchestration-common';
import {
  clusterResourceRef,
  isClusterEntityOwner,
  isReleaseEntityOwner,
  OwnedResourceLoader,
  releaseResourceRef,
} from './permissions/rules';
import { DatabaseReleaseStore } from './database/DatabaseReleaseStore';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { createRouter } from './service/router';
import { createServices } from './service/services';
import { pruneStepHistory, readRetention } from './service/retention';

/**
 * The release-orchestration backend plugin.
 *
 * @public
 */
export const releaseOrchestrationPlugin = createBackendPlugin({
  pluginId: RELEASE_ORCHESTRATION_PLUGIN_ID,
  register(env) {
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        logger: coreServices.logger,
        signals: signalsServiceRef,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
      },
      async init({
        auth,
        catalog,
        config,
        database,
        logger,
        signals,
        httpAuth,
        httpRouter,
        permissions,
        permissionsRegistry,
        scheduler,
      }) {
        const store = await DatabaseReleaseStore.create({ database });
        // the step history is the releases' audit trail: kept for
        // releaseOrchestration.retention.eventDays (a year by default)
        const retention = readRetention(config);
        await scheduler.scheduleTask({
          id: 'release-orchestration-retention',
          frequency: { hours: 24 },
          initialDelay: { minutes: 5 },
          timeout: { minutes: 30 },
          scope: 'global',
          fn: async () => {
            await pruneStepHistory({ store, retention, logger });
          },
        });
        const services = createServices({
          store,
          signals,
          logger,
          kubeconfigRoot: config.getOptionalString(
            'releaseOrchestration.kubeconfigRoot',
          ),
        });
        permissionsRegistry.addPermissions(
          releaseOrchestrationPermissions.filter(p => p.type === 'basic'),
        );
        const owned = new OwnedResourceLoader({ store, catalog, auth });
        permissionsRegistry.addResourceType({
          resourceRef: releaseResourceRef,
          permissions: releaseOrchestrationPermissions.filter(p =>
            isResourcePermission(p, RELEASE_RESOURCE_TYPE),
          ),
          rules: [isReleaseEntityOwner],
          getResources: refs => owned.releases(refs),
        });
        permissionsRegistry.addResourceType({
          resourceRef: clusterResourceRef,
          permissions: releaseOrchestrationPermissions.filter(p =>
            isResourcePermission(p, CLUSTER_RESOURCE_TYPE),
          ),
          rules: [isClusterEntityOwner],
          getResources: refs => owned.clusters(refs),
        });
        httpRouter.use(await createRouter({ httpAuth, permissions, services }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
