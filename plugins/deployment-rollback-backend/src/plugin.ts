import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import {
  DEPLOYMENT_ROLLBACK_PLUGIN_ID,
  deploymentRollbackPermissions,
} from '@opshub/plugin-deployment-rollback-common';
import { DatabaseDeploymentStore } from './database/DatabaseDeploymentStore';
import { DatabaseWebhookStore } from './database/DatabaseWebhookStore';
import { DeploymentService } from './service/DeploymentService';
import { createRouter } from './service/router';
import { WebhookService } from './service/WebhookService';
import {
  readGithubWorkflowEnvironments,
  readWebhookSecrets,
} from './webhooks/config';

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
        auditor: coreServices.auditor,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        signals: signalsServiceRef,
      },
      async init({
        auditor,
        auth,
        catalog,
        config,
        database,
        httpAuth,
        httpRouter,
        logger,
        permissions,
        permissionsRegistry,
        scheduler,
        signals,
      }) {
        const store = await DatabaseDeploymentStore.create({ database });
        const service = new DeploymentService({
          store,
          environmentOrder:
            config.getOptionalStringArray('deploymentRollback.environments') ??
            [],
        });
        const secrets = readWebhookSecrets(config);
        const webhooks = new WebhookService({
          store: await DatabaseWebhookStore.create({ database }),
          secrets,
          githubWorkflowEnvironments: readGithubWorkflowEnvironments(config),
          logger,
          catalog,
          auth,
          auditor,
          signals,
        });
        logger.info(
          `Deployment webhooks configured for: ${
            Object.keys(secrets).join(', ') || 'none'
          }`,
        );

        // anything left pending by a crash, a restart or a failed attempt
        await scheduler.scheduleTask({
          id: 'deployment-rollback-webhook-deliveries',
          frequency: { seconds: 5 },
          timeout: { minutes: 2 },
          scope: 'global',
          fn: async () => {
            await webhooks.sweep();
          },
        });

        permissionsRegistry.addPermissions(deploymentRollbackPermissions);
        httpRouter.use(
          await createRouter({ httpAuth, permissions, service, webhooks }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        // the webhook routes only; they authenticate by signature or token
        httpRouter.addAuthPolicy({
          path: '/webhooks',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
