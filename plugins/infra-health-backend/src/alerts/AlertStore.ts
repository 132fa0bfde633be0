import { PageQuery } from '@opshub/opshub-common';
import {
  AlertEscalation,
  AlertState,
  EscalationTarget,
  HealthAlert,
} from '@opshub/plugin-infra-health-common';

/**
 * One alert of an Alertmanager webhook, parsed and normalized.
 *
 * @internal
 */
export interface IncomingAlert {
  fingerprint: string;
  status: 'firing' | 'resolved';
  startsAt: Date;
  endsAt: Date | null;
  alertname: string;
  service: string | null;
  severity: string | null;
  summary: string | null;
  description: string | null;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  generatorUrl: string | null;
  runbookUrl: string | null;
  dashboardUrl: string | null;
}

/**
 * What one webhook changed.
 *
 * @internal
 */
export interface AlertUpsertResult {
  /** New alerts that arrived firing: the ones to notify about. */
  created: HealthAlert[];
  /** Existing alerts whose data changed (re-sends), without a state change. */
  updated: HealthAlert[];
  /** Alerts that this webhook resolved (including new, already resolved ones). */
  resolved: HealthAlert[];
}

/** @internal */
export interface AlertFilter {
  state?: AlertState;
  service?: string;
  severity?: string;
}

/**
 * Why a conditional transition did not happen: the alert does not exist, or
 * its state (as of `now`) does not allow it.
 *
 * @internal
 */
export type TransitionResult =
  | { ok: true; alert: HealthAlert }
  | { ok: false; current?: HealthAlert };

/**
 * Storage of alerts and their escalations. The state an alert is returned
 * with is its state at `now`: an acknowledgement whose `until` has passed
 * reads as `firing`.
 *
 * @internal
 */
export interface AlertStore {
  /**
   * Inserts or updates the alerts of one webhook in one transaction, keyed
   * by fingerprint + startsAt.
   */
  upsertAlerts(alerts: IncomingAlert[], now: Date): Promise<AlertUpsertResult>;
  /** Newest first (startsAt, then id). */
  listAlerts(
    filter: AlertFilter,
    page: PageQuery,
    now: Date,
  ): Promise<{ items: HealthAlert[]; totalCount: number }>;
  getAlert(id: number, now: Date): Promise<HealthAlert | undefined>;
  /** firing → acknowledged, in one conditional update. */
  acknowledge(
    id: number,
    ack: { by: string; comment: string | null; until: Date | null },
    now: Date,
  ): Promise<TransitionResult>;
  /** firing or acknowledged → resolved, in one conditional update. */
  resolve(
    id: number,
    resolution: { by: string; comment: string | null },
    now: Date,
  ): Promise<TransitionResult>;
  /** Moves expired acknowledgements back to firing; returns those alerts. */
  expireAcknowledgements(now: Date): Promise<HealthAlert[]>;
  addEscalation(escalation: {
    alertId: number;
    target: EscalationTarget;
    note: string | null;
    actor: string;
    outcome: 'sent' | 'failed';
    error: string | null;
    createdAt: Date;
  }): Promise<AlertEscalation>;
  /** Oldest first. */
  listEscalations(alertId: number): Promise<AlertEscalation[]>;
  /**
   * Deletes resolved alerts last changed before `before`, with their
   * escalations, in one transaction; returns how many alerts.
   */
  pruneResolved(before: Date): Promise<number>;
}
