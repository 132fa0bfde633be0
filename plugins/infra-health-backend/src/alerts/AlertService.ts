import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { SignalsService } from '@backstage/plugin-signals-node';
import { Page, PageQuery } from '@opshub/opshub-common';
import { toPage } from '@opshub/opshub-node';
import {
  ALERTS_SIGNAL_CHANNEL,
  AlertEscalation,
  AlertSignal,
  EscalationTarget,
  HealthAlert,
  HealthAlertDetails,
} from '@opshub/plugin-infra-health-common';
import {
  createInfraHealthMetrics,
  InfraHealthMetrics,
  severityOf,
} from '../metrics';
import { HealthNotifier } from '../notifications/HealthNotifier';
import { sendSlackMessage } from '../notifications/slack';
import { AlertFilter, AlertStore, TransitionResult } from './AlertStore';
import { parseAlertmanagerPayload } from './alertmanagerPayload';
import { AlertsConfig } from './config';
import { sendPagerDutyTrigger } from './pagerduty';

type SignalMessage = Parameters<SignalsService['publish']>[0]['message'];

/** What one Alertmanager webhook did, as `POST /alerts/alertmanager` answers. @internal */
export interface AlertmanagerReceipt {
  received: number;
  created: number;
  updated: number;
  resolved: number;
}

/**
 * The alert feed: Alertmanager webhooks in, acknowledge / escalate / resolve
 * out. Every change is audited, announced on `infra-health:alerts`, and new
 * firing alerts are notified.
 *
 * @internal
 */
export class AlertService {
  private readonly store: AlertStore;
  private readonly config: AlertsConfig;
  private readonly notifier?: HealthNotifier;
  private readonly signals?: SignalsService;
  private readonly auditor?: AuditorService;
  private readonly logger: LoggerService;
  private readonly now: () => Date;
  private readonly metrics: InfraHealthMetrics;

  constructor(options: {
    store: AlertStore;
    config: AlertsConfig;
    logger: LoggerService;
    notifier?: HealthNotifier;
    signals?: SignalsService;
    auditor?: AuditorService;
    now?: () => Date;
    metrics?: InfraHealthMetrics;
  }) {
    this.metrics = options.metrics ?? createInfraHealthMetrics();
    this.store = options.store;
    this.config = options.config;
    this.notifier = options.notifier;
    this.signals = options.signals;
    this.auditor = options.auditor;
    this.logger = options.logger;
    this.now = options.now ?? (() => new Date());
  }

  /** The webhook token; undefined when the webhook is not configured. */
  get alertmanagerToken(): string | undefined {
    return this.config.alertmanagerToken;
  }

  /** Stores one Alertmanager webhook (400 when malformed, nothing stored). */
  async receiveAlertmanager(body: unknown): Promise<AlertmanagerReceipt> {
    const alerts = parseAlertmanagerPayload(body, {
      serviceLabel: this.config.serviceLabel,
    });
    for (const alert of alerts) {
      this.metrics.alertsReceived.add({
        status: alert.status,
        severity: severityOf(alert.severity),
      });
    }
    const result = await this.store.upsertAlerts(alerts, this.now());
    const changed = [...result.created, ...result.resolved];
    if (changed.length > 0) {
      await this.audit('alertmanager', 'alertmanager', changed);
    }
    await this.announce([...changed, ...result.updated]);
    // not awaited: a slow Slack must not hold Alertmanager's request (it
    // would time out and re-send); the notifier logs its own failures
    void this.notifyNew(result.created);
    return {
      received: alerts.length,
      created: result.created.length,
      updated: result.updated.length,
      resolved: result.resolved.length,
    };
  }

  private async notifyNew(alerts: HealthAlert[]) {
    for (const alert of alerts) {
      try {
        await this.notifier?.notifyNewAlert(alert);
      } catch (error) {
        this.logger.warn(`Could not notify alert ${alert.id}: ${error}`);
      }
    }
  }

  async listAlerts(
    filter: AlertFilter,
    page: PageQuery,
  ): Promise<Page<HealthAlert>> {
    const { items, totalCount } = await this.store.listAlerts(
      filter,
      page,
      this.now(),
    );
    return toPage(items, totalCount, page);
  }

  async getAlert(id: number): Promise<HealthAlertDetails> {
    const alert = await this.store.getAlert(id, this.now());
    if (!alert) throw new NotFoundError(`No alert with id ${id}`);
    return { ...alert, escalations: await this.store.listEscalations(id) };
  }

  async acknowledge(
    id: number,
    input: { comment?: string; until?: Date },
    actor: string,
  ): Promise<HealthAlert> {
    const now = this.now();
    if (input.until && input.until.getTime() <= now.getTime()) {
      throw new InputError('Invalid body: until: must be in the future');
    }
    const result = await this.store.acknowledge(
      id,
      { by: actor, comment: input.comment || null, until: input.until ?? null },
      now,
    );
    const alert = this.transitioned(id, result, 'acknowledged', 'firing');
    await this.audit('acknowledge', actor, [alert], {
      comment: input.comment ?? null,
      until: input.until?.toISOString() ?? null,
    });
    await this.announce([alert]);
    return alert;
  }

  async resolve(
    id: number,
    input: { comment?: string },
    actor: string,
  ): Promise<HealthAlert> {
    const result = await this.store.resolve(
      id,
      { by: actor, comment: input.comment || null },
      this.now(),
    );
    const alert = this.transitioned(
      id,
      result,
      'resolved',
      'firing or acknowledged',
    );
    await this.audit('resolve', actor, [alert], {
      comment: input.comment ?? null,
    });
    await this.announce([alert]);
    return alert;
  }

  /**
   * Sends the alert to Slack or PagerDuty and records the outcome. A failed
   * send is recorded with its error and returned (the alert is unchanged);
   * only a missing alert (404), a resolved one (409) or an unconfigured
   * target (400) throw.
   */
  async escalate(
    id: number,
    input: { target: EscalationTarget; note?: string },
    actor: string,
  ): Promise<AlertEscalation> {
    const alert = await this.store.getAlert(id, this.now());
    if (!alert) throw new NotFoundError(`No alert with id ${id}`);
    if (alert.state === 'resolved') {
      throw new ConflictError(
        `Alert ${id} is resolved; only firing or acknowledged alerts can be escalated`,
      );
    }
    const note = input.note || null;
    const link = this.config.appBaseUrl
      ? `${this.config.appBaseUrl}/infra-health/alerts?alert=${alert.id}`
      : undefined;
    let result;
    if (input.target === 'slack') {
      if (!this.config.slackWebhookUrl) {
        throw new InputError(
          this.config.slackDisabled
            ? 'target: Slack is turned off on this backend (DISABLE_SLACK)'
            : 'target: Slack is not configured on this backend (infraHealth.slack.webhookUrl)',
        );
      }
      result = await sendSlackMessage(this.config.slackWebhookUrl, {
        text: [
          `:sos: *Escalated by ${actor}:* ${alert.alertname}${
            alert.service ? ` on ${alert.service}` : ''
          } (${alert.severity ?? 'no severity'}, ${alert.state})`,
          alert.summary ?? alert.description ?? undefined,
          note ? `Note: ${note}` : undefined,
          alert.runbookUrl ? `Runbook: ${alert.runbookUrl}` : undefined,
          link ? `<${link}|Open in OpsHub>` : undefined,
        ]
          .filter(Boolean)
          .join('\n'),
      });
    } else {
      if (!this.config.pagerduty) {
        throw new InputError(
          'target: PagerDuty is not configured on this backend (infraHealth.pagerduty.routingKey)',
        );
      }
      result = await sendPagerDutyTrigger({
        ...this.config.pagerduty,
        alert,
        note,
        actor,
        link,
      });
    }
    const escalation = await this.store.addEscalation({
      alertId: id,
      target: input.target,
      note,
      actor,
      outcome: result.ok ? 'sent' : 'failed',
      error: result.ok ? null : result.error,
      createdAt: this.now(),
    });
    if (!result.ok) {
      this.logger.warn(
        `Escalation of alert ${id} to ${input.target} failed: ${result.error}`,
      );
    }
    await this.audit('escalate', actor, [alert], {
      target: input.target,
      note,
      outcome: escalation.outcome,
      error: escalation.error,
    });
    await this.announce([alert]);
    return escalation;
  }

  /** Moves expired acknowledgements back to firing (scheduled task). */
  /**
   * Deletes resolved alerts older than `infraHealth.retention.resolvedAlertDays`
   * (with their escalations); returns how many.
   */
  async pruneResolved(): Promise<number> {
    const days = this.config.resolvedAlertDays;
    const before = new Date(this.now().getTime() - days * 24 * 60 * 60 * 1000);
    const deleted = await this.store.pruneResolved(before);
    if (deleted > 0) {
      this.logger.info(
        `Retention: deleted ${deleted} resolved alert(s) older than ${days} days`,
      );
    }
    return deleted;
  }

  async expireAcknowledgements(): Promise<number> {
    const expired = await this.store.expireAcknowledgements(this.now());
    if (expired.length > 0) {
      this.logger.info(
        `${expired.length} alert acknowledgement(s) expired; the alerts are firing again`,
      );
      await this.announce(expired);
    }
    return expired.length;
  }

  private transitioned(
    id: number,
    result: TransitionResult,
    to: string,
    allowedFrom: string,
  ): HealthAlert {
    if (result.ok) return result.alert;
    if (!result.current) throw new NotFoundError(`No alert with id ${id}`);
    const verb = to === 'acknowledged' ? 'acknowledged' : 'resolved';
    throw new ConflictError(
      `Alert ${id} is ${result.current.state}; only ${allowedFrom} alerts can be ${verb}`,
    );
  }

  /** Auditor events of committed changes. Never throws. */
  private async audit(
    action: string,
    actor: string,
    alerts: HealthAlert[],
    details: Record<string, unknown> = {},
  ) {
    for (const alert of alerts) {
      try {
        const event = await this.auditor?.createEvent({
          eventId: 'alert-change',
          severityLevel: action === 'alertmanager' ? 'low' : 'medium',
          meta: {
            action,
            actor,
            alertId: alert.id,
            fingerprint: alert.fingerprint,
            service: alert.service,
            state: alert.state,
            ...details,
          },
        });
        await event?.success();
      } catch (error) {
        this.logger.warn(`Could not audit alert ${alert.id}: ${error}`);
      }
    }
  }

  /** Tells open pages to refetch. Never throws. */
  private async announce(alerts: HealthAlert[]) {
    if (alerts.length === 0 || !this.signals) return;
    const message: AlertSignal = {
      type: 'alert.changed',
      alertIds: alerts.slice(0, 50).map(a => a.id),
      services: [
        ...new Set(alerts.map(a => a.service).filter((s): s is string => !!s)),
      ],
    };
    try {
      await this.signals.publish({
        recipients: { type: 'broadcast' },
        channel: ALERTS_SIGNAL_CHANNEL,
        message: message as unknown as SignalMessage,
      });
    } catch (error) {
      this.logger.warn(`Could not publish the alert change: ${error}`);
    }
  }
}
