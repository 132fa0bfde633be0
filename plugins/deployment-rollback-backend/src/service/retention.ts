import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { readIntegerConfig } from '@opshub/opshub-node';
import { DeploymentStore } from '../database/DeploymentStore';
import { WebhookStore } from '../database/WebhookStore';

/** How long the audit trail and the webhook deliveries log are kept. @internal */
export interface RetentionSettings {
  auditDays: number;
  deliveryDays: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * `deploymentRollback.retention`: a year of audit and 30 days of webhook
 * deliveries unless configured otherwise.
 *
 * @internal
 */
export function readRetention(config: Config): RetentionSettings {
  return {
    auditDays: readIntegerConfig(
      config,
      'deploymentRollback.retention.auditDays',
      { defaultValue: 365, min: 1, max: 36_500 },
    ),
    deliveryDays: readIntegerConfig(
      config,
      'deploymentRollback.retention.deliveryDays',
      { defaultValue: 30, min: 1, max: 36_500 },
    ),
  };
}

/**
 * Deletes audit rows and finished webhook deliveries older than their
 * retention. Deployments themselves are kept: they are the history.
 *
 * @internal
 */
export async function pruneHistory(options: {
  deployments: Pick<DeploymentStore, 'pruneAudit'>;
  webhooks: Pick<WebhookStore, 'pruneDeliveries'>;
  retention: RetentionSettings;
  logger?: LoggerService;
  now?: Date;
}): Promise<{ audit: number; deliveries: number }> {
  const now = (options.now ?? new Date()).getTime();
  const audit = await options.deployments.pruneAudit(
    new Date(now - options.retention.auditDays * DAY_MS),
  );
  const deliveries = await options.webhooks.pruneDeliveries(
    new Date(now - options.retention.deliveryDays * DAY_MS),
  );
  if (audit || deliveries) {
    options.logger?.info(
      `Retention: deleted ${audit} audit rows older than ${options.retention.auditDays} days and ${deliveries} webhook deliveries older than ${options.retention.deliveryDays} days`,
    );
  }
  return { audit, deliveries };
}
