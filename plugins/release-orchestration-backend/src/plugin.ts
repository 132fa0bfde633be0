import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  RELEASE_ORCHESTRATION_PLUGIN_ID,
  releaseOrchestrationPermissions,
} from '@opshub/plugin-release-orchestration-common';
import { DatabaseReleaseStore } from './database/DatabaseReleaseStore';
import { ReleaseService } from './service/ReleaseService';
import { createRouter } from './service/router';

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
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({
        database,
        httpAuth,
        httpRouter,
        permissions,
        permissionsRegistry,
      }) {
        const store = await DatabaseReleaseStore.create({ database });
        const service = new ReleaseService({ store });
        permissionsRegistry.addPermissions(releaseOrchestrationPermissions);
        httpRouter.use(await createRouter({ httpAuth, permissions, service }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
