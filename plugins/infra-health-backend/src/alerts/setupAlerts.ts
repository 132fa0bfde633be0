import {
  AuditorService,
  AuthService,
  DatabaseService,
  DiscoveryService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import { HealthNotifier } from '../notifications/HealthNotifier';
import { CatalogServiceOwnerResolver } from '../notifications/ServiceOwnerResolver';
import { AlertService } from './AlertService';
import { readAlertsConfig } from './config';
import { DatabaseAlertStore } from './DatabaseAlertStore';

/**
 * Assembles the alert feed from the plugin's services: reads the config,
 * creates the store, the notifier and the service, and schedules the
 * acknowledgement expiry (`infra-health-expire-acknowledgements`, scope
 * `global`, every 30 s). Returns the service and the notifier (which the
 * check prober can use for status changes).
 *
 * @internal
 */
export async function setupAlerts(deps: {
  auditor: AuditorService;
  auth: AuthService;
  config: RootConfigService;
  database: DatabaseService;
  discovery: DiscoveryService;
  logger: LoggerService;
  notifications: NotificationService;
  scheduler: SchedulerService;
  signals: SignalsService;
}): Promise<{ alerts: AlertService; notifier: HealthNotifier }> {
  const { auditor, auth, config, database, discovery, logger } = deps;
  const alertsConfig = readAlertsConfig(config);
  const notifier = new HealthNotifier({
    logger,
    notifications: deps.notifications,
    slackWebhookUrl: alertsConfig.slackWebhookUrl,
    owners: new CatalogServiceOwnerResolver({ discovery, auth, logger }),
    perServicePerMinute: alertsConfig.perServicePerMinute,
    appBaseUrl: alertsConfig.appBaseUrl,
  });
  const alerts = new AlertService({
    store: await DatabaseAlertStore.create({ database }),
    config: alertsConfig,
    logger,
    notifier,
    signals: deps.signals,
    auditor,
  });
  let slack = 'not configured';
  if (alertsConfig.slackWebhookUrl) slack = 'on';
  else if (alertsConfig.slackDisabled) slack = 'off (DISABLE_SLACK)';
  logger.info(
    `Alertmanager webhook ${
      alertsConfig.alertmanagerToken ? 'configured' : 'not configured'
    }; Slack ${slack}; PagerDuty ${
      alertsConfig.pagerduty ? 'on' : 'not configured'
    }`,
  );
  await deps.scheduler.scheduleTask({
    id: 'infra-health-expire-acknowledgements',
    scope: 'global',
    frequency: { seconds: 30 },
    timeout: { minutes: 1 },
    fn: async () => {
      await alerts.expireAcknowledgements();
    },
  });
  // resolved alerts are history: kept for infraHealth.retention.resolvedAlertDays
  await deps.scheduler.scheduleTask({
    id: 'infra-health-alert-retention',
    scope: 'global',
    frequency: { hours: 24 },
    initialDelay: { minutes: 5 },
    timeout: { minutes: 30 },
    fn: async () => {
      await alerts.pruneResolved();
    },
  });
  return { alerts, notifier };
}
