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

/** How often a backend claims due checks. */
const PROBE_TICK_SECONDS = 5;
/**
 * How far ahead a claim reaches: three ticks, so that a tick that starts
 * late (the scheduler polls every few seconds) still finds every check
 * claimed before it is due.
 */
const PROBE_LOOKAHEAD_MS = 15_000;

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
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        signals: signalsServiceRef,
      },
      async init({
        auditor,
        auth,
        discovery,
        notifications,
        config,
        database,
        httpAuth,
        httpRouter,
        lifecycle,
        logger,
        permissions,
        permissionsRegistry,
        scheduler,
        signals,
      }) {
        const { checks, sampleRetentionDays, maintenanceWindows } =
          readInfraHealthConfig(config);
        const store = await DatabaseHealthStore.create({ database });
        const service = new HealthService({
          store,
          prober: new Prober(),
          logger,
          sampleRetentionDays,
          maintenanceWindows,
          signals,
        });
        await service.syncChecks(checks);

        // one backend at a time claims the checks due within the next
        // ticks (a conditional UPDATE, so never twice) and probes each at
        // its due time in the background
        await scheduler.scheduleTask({
          id: 'infra-health-probe',
          scope: 'global',
          frequency: { seconds: PROBE_TICK_SECONDS },
          timeout: { minutes: 1 },
          fn: async () => {
            await service.startProbeRound({
              lookaheadMs: PROBE_LOOKAHEAD_MS,
            });
          },
        });
        lifecycle.addShutdownHook(() => service.stop());
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

        // alerts, escalations and notifications; the notifier also tells
        // owners (Slack, Backstage notifications) about check status changes
        const { alerts, notifier } = await setupAlerts({
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

        service.addStatusListener(async (check, from, to) => {
          await notifier.notifyCheckStatusChange(
            {
              id: check.id,
              name: check.name,
              service: check.service,
              runbookUrl: check.runbookUrl ?? undefined,
            },
            from,
            to,
          );
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
