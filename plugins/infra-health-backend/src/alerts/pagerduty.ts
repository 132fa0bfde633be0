import { redact } from '@opshub/opshub-common';
import { HealthAlert } from '@opshub/plugin-infra-health-common';
import { postJson, requestFailure, SendResult } from '../notifications/slack';

const SEVERITIES = ['critical', 'error', 'warning', 'info'] as const;

/** Alert severities mapped to the four PagerDuty knows; `error` otherwise. */
export function pagerDutySeverity(
  severity: string | null,
): (typeof SEVERITIES)[number] {
  const value = (severity ?? '').toLowerCase();
  if ((SEVERITIES as readonly string[]).includes(value)) {
    return value as (typeof SEVERITIES)[number];
  }
  if (['page', 'high', 'fatal', 'emergency'].includes(value)) return 'critical';
  if (['warn', 'medium'].includes(value)) return 'warning';
  if (['low', 'none', 'notice'].includes(value)) return 'info';
  return 'error';
}

/** The dedup key of an alert: PagerDuty groups every trigger of it into one incident. */
export function pagerDutyDedupKey(alert: HealthAlert): string {
  return `opshub-infra-health/${alert.fingerprint}/${alert.startsAt}`;
}

/**
 * Sends a `trigger` event to the PagerDuty Events API v2
 * (`POST <baseUrl>/v2/enqueue`,
 * https://developer.pagerduty.com/api-reference/368ae3d938c9e-send-an-event-to-pager-duty).
 * PagerDuty answers 202 `{status: "success", dedup_key}`, 400 for an invalid
 * event, 429 when throttled. Never throws; errors never hold the routing key.
 *
 * @internal
 */
export async function sendPagerDutyTrigger(options: {
  baseUrl: string;
  routingKey: string;
  alert: HealthAlert;
  note: string | null;
  actor: string;
  link?: string;
}): Promise<SendResult> {
  const { baseUrl, routingKey, alert, note, actor, link } = options;
  const summary = `[${alert.severity ?? 'alert'}] ${alert.alertname}${
    alert.service ? ` on ${alert.service}` : ''
  }: ${alert.summary ?? alert.description ?? 'no summary'}`.slice(0, 1024);
  const links = [
    ...(link ? [{ href: link, text: 'OpsHub alert' }] : []),
    ...(alert.runbookUrl ? [{ href: alert.runbookUrl, text: 'Runbook' }] : []),
    ...(alert.dashboardUrl
      ? [{ href: alert.dashboardUrl, text: 'Dashboard' }]
      : []),
  ];
  const event = {
    routing_key: routingKey,
    event_action: 'trigger',
    dedup_key: pagerDutyDedupKey(alert),
    payload: {
      summary,
      source: alert.service ?? alert.labels.instance ?? 'opshub-infra-health',
      severity: pagerDutySeverity(alert.severity),
      timestamp: alert.startsAt,
      component: alert.service ?? undefined,
      class: alert.alertname,
      custom_details: {
        escalated_by: actor,
        note,
        description: alert.description,
        labels: alert.labels,
        generator_url: alert.generatorUrl,
      },
    },
    client: 'OpsHub infra-health',
    ...(link ? { client_url: link } : {}),
    links,
  };
  const secrets = [routingKey];
  try {
    const { status, text } = await postJson(`${baseUrl}/v2/enqueue`, event);
    if (status === 202 || (status >= 200 && status < 300)) {
      return { ok: true };
    }
    let detail = text.trim();
    try {
      const body = JSON.parse(text) as {
        message?: string;
        errors?: string[];
      };
      detail = [body.message, ...(body.errors ?? [])]
        .filter(Boolean)
        .join('; ');
    } catch {
      // not JSON: the text as is
    }
    return {
      ok: false,
      error: redact(
        `PagerDuty answered HTTP ${status}${detail ? `: ${detail}` : ''}`,
        secrets,
      ),
    };
  } catch (error) {
    return { ok: false, error: requestFailure(error, secrets) };
  }
}
