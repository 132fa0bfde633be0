import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { HealthAlert, HealthStatus } from '@opshub/plugin-infra-health-common';
import { ServiceOwnerResolver } from './ServiceOwnerResolver';
import { sendSlackMessage } from './slack';

/**
 * What became of one notification: sent (to at least one channel), dropped
 * as a duplicate, dropped by the per-service rate limit, or not sent because
 * no channel is configured.
 *
 * @internal
 */
export type NotifyOutcome = 'sent' | 'duplicate' | 'rate-limited' | 'skipped';

/** The part of a health check a notification needs. @internal */
export interface NotifiedCheck {
  id: number;
  name: string;
  service: string;
  runbookUrl?: string | null;
}

type BackstageSeverity = 'critical' | 'high' | 'normal' | 'low';

const MAX_KEYS = 10_000;
const WINDOW_MS = 60_000;

function alertSeverity(severity: string | null): BackstageSeverity {
  switch ((severity ?? '').toLowerCase()) {
    case 'critical':
    case 'page':
    case 'fatal':
      return 'critical';
    case 'error':
    case 'high':
      return 'high';
    case 'info':
    case 'low':
    case 'none':
      return 'low';
    default:
      return 'normal';
  }
}

const CHECK_SEVERITY: Record<HealthStatus, BackstageSeverity> = {
  unhealthy: 'high',
  degraded: 'normal',
  healthy: 'low',
  unknown: 'low',
  maintenance: 'low',
};

/**
 * Sends infra-health notifications to Slack (incoming webhook) and to
 * Backstage notifications, for new firing alerts and for check status
 * changes. Each event is sent once (deduplicated in this instance) and at
 * most `perServicePerMinute` events per service and minute go out; the rest
 * are dropped and logged. Recipients are the owner of the Component that
 * names the service (`opshub.io/health-service`), or everybody (broadcast)
 * when there is none. A failing channel is logged, never thrown.
 *
 * @internal
 */
export class HealthNotifier {
  private readonly sentKeys = new Map<string, true>();
  private readonly lastCheckStatus = new Map<number, HealthStatus>();
  private readonly windows = new Map<string, number[]>();

  constructor(
    private readonly options: {
      logger: LoggerService;
      /** Backstage notifications; unset: not sent there. */
      notifications?: NotificationService;
      /** Unset (absent URL or DISABLE_SLACK): Slack is off. */
      slackWebhookUrl?: string;
      owners?: ServiceOwnerResolver;
      perServicePerMinute: number;
      /** The app's base URL, for absolute links in Slack. */
      appBaseUrl?: string;
      now?: () => number;
    },
  ) {}

  /** Notifies about an alert that arrived firing for the first time. */
  async notifyNewAlert(alert: HealthAlert): Promise<NotifyOutcome> {
    const key = `alert:${alert.fingerprint}:${alert.startsAt}`;
    const service = alert.service ?? 'unknown';
    const title = `${alert.alertname} firing${
      alert.service ? ` on ${alert.service}` : ''
    }`;
    const description =
      alert.summary ?? alert.description ?? 'An Alertmanager alert is firing';
    const link = `/infra-health/alerts?alert=${alert.id}`;
    return this.send({
      key,
      service,
      title,
      description,
      link,
      severity: alertSeverity(alert.severity),
      topic: 'infra-health:alert',
      scope: key,
      slackText: [
        `:rotating_light: *${title}*${
          alert.severity ? ` (${alert.severity})` : ''
        }`,
        description,
        alert.runbookUrl ? `Runbook: ${alert.runbookUrl}` : undefined,
      ],
      entityService: alert.service ?? undefined,
    });
  }

  /**
   * Notifies about a check whose status changed from `from` to `to`. The
   * first status of a check (from `unknown`) is only sent when it is not
   * healthy; the same `to` twice in a row is sent once.
   */
  async notifyCheckStatusChange(
    check: NotifiedCheck,
    from: HealthStatus,
    to: HealthStatus,
  ): Promise<NotifyOutcome> {
    if (from === to || (from === 'unknown' && to === 'healthy')) {
      return 'skipped';
    }
    if (this.lastCheckStatus.get(check.id) === to) {
      return 'duplicate';
    }
    this.lastCheckStatus.set(check.id, to);
    const title = `${check.name} is ${to}`;
    const description = `Health check ${check.name} of ${check.service} went from ${from} to ${to}`;
    return this.send({
      key: undefined,
      service: check.service,
      title,
      description,
      link: `/infra-health`,
      severity: CHECK_SEVERITY[to],
      topic: 'infra-health:check',
      scope: `infra-health:check:${check.id}`,
      slackText: [
        `${to === 'healthy' ? ':white_check_mark:' : ':warning:'} *${title}*`,
        description,
        check.runbookUrl ? `Runbook: ${check.runbookUrl}` : undefined,
      ],
      entityService: check.service,
    });
  }

  private async send(event: {
    key: string | undefined;
    service: string;
    title: string;
    description: string;
    link: string;
    severity: BackstageSeverity;
    topic: string;
    scope: string;
    slackText: Array<string | undefined>;
    entityService?: string;
  }): Promise<NotifyOutcome> {
    const { logger, notifications, slackWebhookUrl, owners, appBaseUrl } =
      this.options;
    if (!notifications && !slackWebhookUrl) return 'skipped';
    if (event.key) {
      if (this.sentKeys.has(event.key)) return 'duplicate';
      this.remember(event.key);
    }
    if (!this.takeToken(event.service)) {
      logger.info(
        `Notification "${event.title}" dropped: more than ${this.options.perServicePerMinute} for ${event.service} in a minute`,
      );
      return 'rate-limited';
    }
    const sends: Array<Promise<void>> = [];
    if (notifications) {
      sends.push(
        (async () => {
          const entityRef = event.entityService
            ? await owners?.entityRefOf(event.entityService)
            : undefined;
          await notifications.send({
            recipients: entityRef
              ? { type: 'entity', entityRef }
              : { type: 'broadcast' },
            payload: {
              title: event.title,
              description: event.description,
              link: event.link,
              severity: event.severity,
              topic: event.topic,
              scope: event.scope,
            },
          });
        })().catch(error =>
          logger.warn(
            `Could not send the Backstage notification "${event.title}": ${error}`,
          ),
        ),
      );
    }
    if (slackWebhookUrl) {
      const link = appBaseUrl ? `${appBaseUrl}${event.link}` : undefined;
      sends.push(
        sendSlackMessage(slackWebhookUrl, {
          text: [
            ...event.slackText,
            link ? `<${link}|Open in OpsHub>` : undefined,
          ]
            .filter(Boolean)
            .join('\n'),
        }).then(result => {
          if (!result.ok) {
            logger.warn(
              `Could not send the Slack notification "${event.title}": ${result.error}`,
            );
          }
        }),
      );
    }
    await Promise.all(sends);
    return 'sent';
  }

  private remember(key: string) {
    this.sentKeys.set(key, true);
    if (this.sentKeys.size > MAX_KEYS) {
      const oldest = this.sentKeys.keys().next().value;
      if (oldest !== undefined) this.sentKeys.delete(oldest);
    }
  }

  /** A sliding one-minute window per service. */
  private takeToken(service: string): boolean {
    const now = (this.options.now ?? Date.now)();
    const window = (this.windows.get(service) ?? []).filter(
      at => now - at < WINDOW_MS,
    );
    if (window.length >= this.options.perServicePerMinute) {
      this.windows.set(service, window);
      return false;
    }
    window.push(now);
    this.windows.set(service, window);
    return true;
  }
}
