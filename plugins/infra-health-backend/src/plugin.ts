import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import {
  infraHealthLogSourceExtensionPoint,
  LogSource,
} from '@opshub/plugin-infra-health-node';
import {
  INFRA_HEALTH_PLUGIN_ID,
  infraHealthPermissions,
} from '@opshub/plugin-infra-health-common';
import { setupAlerts } from './alerts/setupAlerts';
import { readInfraHealthConfig } from './config';
import { DatabaseHealthStore } from './database/DatabaseHealthStore';
import { createObservabilityServices } from './observability';
import { HealthService } from './service/HealthService';
import { Prober } from './service/Prober';
import { ALERTMANAGER_WEBHOOK_PATH } from './service/alertsRouter';
import { createRouter } from './service/router';

/**
 * The infra-health backend plugin.
 *
 * @public
 */
export const infraHealthPlugin = createBackendPlugin({
  pluginId: INFRA_HEALTH_PLUGIN_ID,
  register(env) {
    let logSource: LogSource | undefined;
    env.registerExtensionPoint(infraHealthLogSourceExtensionPoint, {
      setLogSource(source) {
        logSource = source;
      },
    });
    env.registerInit({
      deps: {
        auditor: coreServices.auditor,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        notifications: notificationService,
        signals: signalsServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
      },
      async init({
        auditor,
        auth,
        discovery,
        notifications,
        signals,
        config,
        database,
        httpAuth,
        httpRouter,
        logger,
        permissions,
        permissionsRegistry,
        scheduler,
      }) {
        const { checks, sampleRetentionDays } = readInfraHealthConfig(config);
        const store = await DatabaseHealthStore.create({ database });
        const service = new HealthService({
          store,
          prober: new Prober(),
          logger,
          sampleRetentionDays,
        });
        await service.syncChecks(checks);

        // every instance probes the checks whose interval has elapsed
        await scheduler.scheduleTask({
          id: 'infra-health-probe',
          scope: 'local',
          frequency: { seconds: 10 },
          timeout: { minutes: 5 },
          fn: async () => {
            await service.probeDueChecks();
          },
        });
        await scheduler.scheduleTask({
          id: 'infra-health-prune-samples',
          scope: 'global',
          frequency: { hours: 1 },
          timeout: { minutes: 10 },
          initialDelay: { minutes: 1 },
          fn: async () => {
            await service.pruneSamples();
          },
        });

        const observability = await createObservabilityServices({
          config,
          database,
          logger,
          scheduler,
          healthStore: store,
          sampleRetentionDays,
          logSource,
        });

        // alerts, escalations and notifications; `notifier` is the
        // HealthNotifier for check status changes too
        const { alerts } = await setupAlerts({
          auditor,
          auth,
          config,
          database,
          discovery,
          logger,
          notifications,
          scheduler,
          signals,
        });

        permissionsRegistry.addPermissions(infraHealthPermissions);
        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            service,
            alerts,
            ...observability,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        // the Alertmanager webhook only; it authenticates by bearer token
        httpRouter.addAuthPolicy({
          path: ALERTMANAGER_WEBHOOK_PATH,
          allow: 'unauthenticated',
        });
      },
    });
  },
});
