import type { Page } from '@opshub/opshub-common';

/**
 * The state of a health alert in OpsHub:
 * - `firing`: Alertmanager reports it and nobody has acknowledged it (or the
 *   acknowledgement expired);
 * - `acknowledged`: somebody took it, until `acknowledgement.until` if set;
 * - `resolved`: Alertmanager reported it resolved, or somebody resolved it.
 *
 * @public
 */
export type AlertState = 'firing' | 'acknowledged' | 'resolved';

/** The alert states, in the order the UI lists them. @public */
export const ALERT_STATES: readonly AlertState[] = [
  'firing',
  'acknowledged',
  'resolved',
];

/**
 * Who acknowledged an alert. Kept after it expired (`expired: true`), when
 * the alert is firing again.
 *
 * @public
 */
export interface AlertAcknowledgement {
  /** The user entity ref (or service subject) that acknowledged. */
  by: string;
  at: string;
  comment: string | null;
  /** When the acknowledgement ends; null for until resolved. */
  until: string | null;
  expired: boolean;
}

/**
 * Who resolved an alert: a user, or `alertmanager` when Alertmanager sent
 * `status: resolved`.
 *
 * @public
 */
export interface AlertResolution {
  by: string;
  at: string;
  comment: string | null;
}

/**
 * A health alert received from Alertmanager. One alert is one
 * `fingerprint` + `startsAt`; re-sends update it.
 *
 * @public
 */
export interface HealthAlert {
  id: number;
  fingerprint: string;
  startsAt: string;
  /** When Alertmanager reported the end; null while firing. */
  endsAt: string | null;
  /** The `alertname` label. */
  alertname: string;
  /** The service label (`infraHealth.alertmanager.serviceLabel`), if any. */
  service: string | null;
  /** The `severity` label, if any. */
  severity: string | null;
  /** The `summary` annotation, if any. */
  summary: string | null;
  /** The `description` annotation, if any. */
  description: string | null;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** http(s) links only; other schemes are dropped. */
  generatorUrl: string | null;
  runbookUrl: string | null;
  dashboardUrl: string | null;
  state: AlertState;
  acknowledgement: AlertAcknowledgement | null;
  resolution: AlertResolution | null;
  /** When Alertmanager last sent this alert. */
  lastReceivedAt: string;
  createdAt: string;
  updatedAt: string;
}

/** @public */
export type EscalationTarget = 'slack' | 'pagerduty';

/**
 * One escalation of an alert and its outcome. A failed escalation keeps the
 * alert as it was and records the error.
 *
 * @public
 */
export interface AlertEscalation {
  id: number;
  alertId: number;
  target: EscalationTarget;
  note: string | null;
  actor: string;
  outcome: 'sent' | 'failed';
  /** Why it failed (no secrets); null when sent. */
  error: string | null;
  createdAt: string;
}

/** An alert with its escalations, as `GET /alerts/:id` returns it. @public */
export interface HealthAlertDetails extends HealthAlert {
  escalations: AlertEscalation[];
}

/** A page of alerts, newest first. @public */
export type HealthAlertPage = Page<HealthAlert>;

/**
 * The signal channel on which the backend announces every alert change.
 *
 * @public
 */
export const ALERTS_SIGNAL_CHANNEL = 'infra-health:alerts';

/**
 * The message published on {@link ALERTS_SIGNAL_CHANNEL}.
 *
 * @public
 */
export interface AlertSignal {
  type: 'alert.changed';
  /** The changed alerts (at most 50 listed; refetch anyway). */
  alertIds: number[];
  services: string[];
}
