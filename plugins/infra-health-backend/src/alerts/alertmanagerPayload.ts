import { parseInput } from '@opshub/opshub-node';
import { z } from 'zod';
import { IncomingAlert } from './AlertStore';

/** Alertmanager writes `0001-01-01T00:00:00Z` for "no end yet". */
const ZERO_TIME = /^0001-01-01T00:00:00/;

const timestamp = z
  .string()
  .max(64)
  .refine(value => !Number.isNaN(Date.parse(value)), {
    message: 'expected an RFC 3339 timestamp',
  });
const stringMap = z
  .record(z.string().max(255), z.string().max(16_384))
  .refine(map => Object.keys(map).length <= 100, {
    message: 'at most 100 entries',
  });

/**
 * The webhook body of Alertmanager's `webhook_config` receiver, version 4
 * (https://prometheus.io/docs/alerting/latest/configuration/#webhook_config).
 * Fields OpsHub does not use are accepted and ignored.
 */
const payloadSchema = z.object({
  version: z.literal('4', {
    errorMap: () => ({
      message: 'expected "4" (Alertmanager webhook version 4)',
    }),
  }),
  status: z.enum(['firing', 'resolved']),
  receiver: z.string().max(1024).optional(),
  groupKey: z.string().max(16_384).optional(),
  externalURL: z.string().max(2048).optional(),
  alerts: z
    .array(
      z.object({
        status: z.enum(['firing', 'resolved']),
        labels: stringMap.refine(labels => !!labels.alertname?.trim(), {
          message: 'needs an alertname label',
        }),
        annotations: stringMap.default({}),
        startsAt: timestamp.refine(value => !ZERO_TIME.test(value), {
          message: 'must be set',
        }),
        endsAt: timestamp.optional(),
        generatorURL: z.string().max(4096).optional(),
        fingerprint: z
          .string()
          .trim()
          .min(1)
          .max(128)
          .regex(/^[0-9A-Za-z_-]+$/, 'expected a hex fingerprint'),
      }),
    )
    .max(1000),
});

/** The payload as parsed. @internal */
export type AlertmanagerPayload = z.infer<typeof payloadSchema>;

/** An http(s) URL as given, or null: only those become links. */
function httpUrlOrNull(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:' ? value : null;
  } catch {
    return null;
  }
}

const textOrNull = (value: string | undefined) =>
  value && value.trim() ? value : null;

/**
 * Parses an Alertmanager webhook body into the alerts to store. Throws
 * `InputError` (400) naming the field for anything malformed, before
 * anything is stored.
 *
 * @internal
 */
export function parseAlertmanagerPayload(
  body: unknown,
  options: { serviceLabel: string },
): IncomingAlert[] {
  const payload = parseInput(payloadSchema, body, 'Alertmanager payload');
  return payload.alerts.map(alert => {
    const endsAt =
      alert.endsAt && !ZERO_TIME.test(alert.endsAt)
        ? new Date(alert.endsAt)
        : null;
    return {
      fingerprint: alert.fingerprint,
      status: alert.status,
      startsAt: new Date(alert.startsAt),
      // a firing alert's endsAt is when Alertmanager would time it out, not an end
      endsAt: alert.status === 'resolved' ? endsAt : null,
      alertname: alert.labels.alertname.trim().slice(0, 255),
      service:
        textOrNull(alert.labels[options.serviceLabel])?.slice(0, 255) ?? null,
      severity: textOrNull(alert.labels.severity)?.slice(0, 64) ?? null,
      summary: textOrNull(alert.annotations.summary),
      description: textOrNull(alert.annotations.description),
      labels: alert.labels,
      annotations: alert.annotations,
      generatorUrl: httpUrlOrNull(alert.generatorURL),
      runbookUrl: httpUrlOrNull(alert.annotations.runbook_url),
      dashboardUrl: httpUrlOrNull(alert.annotations.dashboard_url),
    };
  });
}
