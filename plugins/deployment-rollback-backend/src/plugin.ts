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
import { readIntegerConfig } from '@opshub/opshub-node';
import {
  DeploymentExecutorRegistry,
  deploymentExecutorsExtensionPoint,
  readPreviewExecutor,
} from '@opshub/plugin-deployment-rollback-node';
import { DatabasePreviewStore } from './database/DatabasePreviewStore';
import { PreviewService } from './service/PreviewService';
import { createDeploymentMetrics } from './service/metrics';
import { pruneHistory, readRetention } from './service/retention';
import { DatabaseDeploymentStore } from './database/DatabaseDeploymentStore';
import { DatabaseWebhookStore } from './database/DatabaseWebhookStore';
import { DeploymentService } from './service/DeploymentService';
import { ExecutionService } from './service/ExecutionService';
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
    // built-in executor types, plus those backend modules add
    const registry = new DeploymentExecutorRegistry();
    env.registerExtensionPoint(deploymentExecutorsExtensionPoint, {
      addExecutor: factory => registry.add(factory),
    });
    env.registerInit({
      deps: {
        auditor: coreServices.auditor,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        discovery: coreServices.discovery,
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
        discovery,
        httpAuth,
        httpRouter,
        logger,
        permissions,
        permissionsRegistry,
        scheduler,
        signals,
      }) {
        const store = await DatabaseDeploymentStore.create({ database });
        // names, promotion order, autoSync and executors
        const environments = registry.readEnvironments({ config, logger });
        const service = new DeploymentService({ store, environments });
        const secrets = readWebhookSecrets(config);
        // Prometheus metrics (docs/metrics.md); no-ops without the SDK
        const metrics = createDeploymentMetrics();
        const execution = new ExecutionService({
          store,
          environments,
          // where deployers report outcomes: the signed generic webhook
          callbackUrl: secrets.generic
            ? `${await discovery.getExternalBaseUrl(
                DEPLOYMENT_ROLLBACK_PLUGIN_ID,
              )}/webhooks/generic`
            : undefined,
          timeoutMinutes: readIntegerConfig(
            config,
            'deploymentRollback.deploymentTimeoutMinutes',
            { defaultValue: 30, min: 1, max: 10_080 },
          ),
          catalog,
          auth,
          auditor,
          signals,
          logger,
          metrics,
        });
        const previews = new PreviewService({
          store: await DatabasePreviewStore.create({ database }),
          executor: readPreviewExecutor(config),
          logger,
          signals,
        });
        const webhookStore = await DatabaseWebhookStore.create({ database });
        const webhooks = new WebhookService({
          store: webhookStore,
          secrets,
          githubWorkflowEnvironments: readGithubWorkflowEnvironments(config),
          logger,
          catalog,
          auth,
          auditor,
          signals,
          onPreviewRequested: () => previews.kick(),
          metrics,
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
            await previews.run();
          },
        });

        // outcomes through executors' status(), and deployments that
        // reported nothing before their timeout
        await scheduler.scheduleTask({
          id: 'deployment-rollback-outcomes',
          frequency: { seconds: 30 },
          timeout: { minutes: 5 },
          scope: 'global',
          fn: async () => {
            await execution.poll();
          },
        });

        // the audit trail and the deliveries log are kept for
        // deploymentRollback.retention.{auditDays,deliveryDays}
        const retention = readRetention(config);
        await scheduler.scheduleTask({
          id: 'deployment-rollback-retention',
          frequency: { hours: 24 },
          initialDelay: { minutes: 5 },
          timeout: { minutes: 30 },
          scope: 'global',
          fn: async () => {
            await pruneHistory({
              deployments: store,
              webhooks: webhookStore,
              retention,
              logger,
            });
          },
        });

        permissionsRegistry.addPermissions(deploymentRollbackPermissions);
        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            service,
            execution,
            webhooks,
            previews,
          }),
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
