import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  RELEASE_ORCHESTRATION_PLUGIN_ID,
  releaseOrchestrationPermissions,
} from '@opshub/plugin-release-orchestration-common';
import { DatabaseReleaseStore } from './database/DatabaseReleaseStore';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { createRouter } from './service/router';
import { createServices } from './service/services';

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
        config: coreServices.rootConfig,
        database: coreServices.database,
        logger: coreServices.logger,
        signals: signalsServiceRef,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({
        config,
        database,
        logger,
        signals,
        httpAuth,
        httpRouter,
        permissions,
        permissionsRegistry,
      }) {
        const store = await DatabaseReleaseStore.create({ database });
        const services = createServices({
          store,
          signals,
          logger,
          kubeconfigRoot: config.getOptionalString(
            'releaseOrchestration.kubeconfigRoot',
          ),
        });
        permissionsRegistry.addPermissions(releaseOrchestrationPermissions);
        httpRouter.use(await createRouter({ httpAuth, permissions, services }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
