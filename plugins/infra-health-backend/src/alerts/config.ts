import { Config } from '@backstage/config';
import { readHttpUrlConfig, readIntegerConfig } from '@opshub/opshub-node';

/**
 * The alert, escalation and notification settings of `infraHealth`, read
 * once at startup.
 *
 * @internal
 */
export interface AlertsConfig {
  /** The bearer token of `POST /alerts/alertmanager`; unset → the route answers 404. */
  alertmanagerToken?: string;
  /** The label that names the service, `service` by default. */
  serviceLabel: string;
  /** The Slack incoming webhook; unset when absent, empty or `DISABLE_SLACK` is set. */
  slackWebhookUrl?: string;
  /** True when `DISABLE_SLACK` turned a configured Slack off. */
  slackDisabled: boolean;
  pagerduty?: { routingKey: string; baseUrl: string };
  /** Notifications (Slack + Backstage) per service and minute. */
  perServicePerMinute: number;
  /** The app's base URL, for links in notifications. */
  appBaseUrl?: string;
  /** Days a resolved alert (and its escalations) is kept, 365 by default. */
  resolvedAlertDays: number;
}

/**
 * A secret that may be written as `${VAR}`: unset, empty and whitespace-only
 * values (an unset variable) leave the feature unconfigured.
 */
function optionalSecret(config: Config, key: string): string | undefined {
  // getOptional: getOptionalString throws on an empty string
  const value = config.getOptional(key);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw new Error(`Invalid config at ${key}: expected a string`);
  }
  return value.trim() === '' ? undefined : value.trim();
}

const truthy = (value: string | undefined) =>
  !!value && !['', '0', 'false', 'no', 'off'].includes(value.toLowerCase());

/** @internal */
export function readAlertsConfig(
  config: Config,
  env: Record<string, string | undefined> = process.env,
): AlertsConfig {
  const serviceLabel =
    config.getOptionalString('infraHealth.alertmanager.serviceLabel')?.trim() ||
    'service';
  const slackDisabled = truthy(env.DISABLE_SLACK);
  let slackWebhookUrl = optionalSecret(config, 'infraHealth.slack.webhookUrl');
  if (slackWebhookUrl) {
    // validates the scheme without echoing the secret URL
    readHttpUrlConfig(config, 'infraHealth.slack.webhookUrl');
  }
  const slackConfigured = !!slackWebhookUrl;
  if (slackDisabled) slackWebhookUrl = undefined;
  const routingKey = optionalSecret(config, 'infraHealth.pagerduty.routingKey');
  const baseUrl = (
    config.getOptionalString('infraHealth.pagerduty.baseUrl')?.trim() ||
    'https://events.pagerduty.com'
  ).replace(/\/+$/, '');
  if (config.has('infraHealth.pagerduty.baseUrl')) {
    readHttpUrlConfig(config, 'infraHealth.pagerduty.baseUrl');
  }
  return {
    alertmanagerToken: optionalSecret(config, 'infraHealth.alertmanager.token'),
    serviceLabel,
    slackWebhookUrl,
    slackDisabled: slackDisabled && slackConfigured,
    pagerduty: routingKey ? { routingKey, baseUrl } : undefined,
    perServicePerMinute: readIntegerConfig(
      config,
      'infraHealth.notifications.perServicePerMinute',
      { defaultValue: 5, min: 1, max: 10_000 },
    ),
    appBaseUrl: config.getOptionalString('app.baseUrl')?.replace(/\/+$/, ''),
    resolvedAlertDays: readIntegerConfig(
      config,
      'infraHealth.retention.resolvedAlertDays',
      { defaultValue: 365, min: 1, max: 36_500 },
    ),
  };
}
