import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  DEPLOYMENT_ROLLBACK_PLUGIN_ID,
  deploymentRollbackPermissions,
} from '@opshub/plugin-deployment-rollback-common';
import { DatabaseDeploymentStore } from './database/DatabaseDeploymentStore';
import { DeploymentService } from './service/DeploymentService';
import { createRouter } from './service/router';

/**
 * The deployment-rollback backend plugin.
 *
 * @public
 */
export const deploymentRollbackPlugin = createBackendPlugin({
  pluginId: DEPLOYMENT_ROLLBACK_PLUGIN_ID,
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({
        config,
        database,
        httpAuth,
        httpRouter,
        permissions,
        permissionsRegistry,
      }) {
        const store = await DatabaseDeploymentStore.create({ database });
        const service = new DeploymentService({
          store,
          environmentOrder:
            config.getOptionalStringArray('deploymentRollback.environments') ??
            [],
        });
        permissionsRegistry.addPermissions(deploymentRollbackPermissions);
        httpRouter.use(await createRouter({ httpAuth, permissions, service }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
