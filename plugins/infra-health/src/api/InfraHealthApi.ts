import { createApiRef } from '@backstage/core-plugin-api';
import {
  CheckRollup,
  AlertEscalation,
  AlertState,
  CheckWithStatus,
  EscalationTarget,
  HealthAlert,
  HealthAlertDetails,
  HealthAlertPage,
  HealthCheckInput,
  HealthSamplePage,
  ServiceLogs,
  Slo,
  SloDefinition,
  SloStatus,
} from '@opshub/plugin-infra-health-common';

/**
 * Reads health checks and their samples from the infra-health backend.
 *
 * @public
 */
export interface InfraHealthApi {
  /** Checks with their current status, optionally of one service. */
  listChecks(options: {
    service?: string;
  }): Promise<{ items: CheckWithStatus[]; canManage?: boolean }>;
  /** One check's samples, newest first. */
  listSamples(
    checkId: number,
    options: { limit?: number; offset?: number },
  ): Promise<HealthSamplePage>;
  /** One check's hourly rollups in [from, to) (ISO dates), oldest first. */
  listRollups(
    checkId: number,
    options: { from?: string; to?: string },
  ): Promise<{ items: CheckRollup[] }>;
  /** SLOs with their SLI, budget, burn rates and chart, optionally of one service. */
  listSlos(options: { service?: string }): Promise<{ items: SloStatus[] }>;
  /** Needs `infra-health.slo.manage`. */
  createSlo(slo: SloDefinition): Promise<Slo>;
  /** Needs `infra-health.slo.manage`; 409 for SLOs from config. */
  updateSlo(id: number, slo: SloDefinition): Promise<Slo>;
  /** Needs `infra-health.slo.manage`; 409 for SLOs from config. */
  deleteSlo(id: number): Promise<void>;
  /** Recent error and warning log lines of a service. */
  getLogs(options: {
    service: string;
    since?: string;
    limit?: number;
  }): Promise<ServiceLogs>;
  /** Alerts, newest first, filtered and paged. */
  listAlerts(options: {
    state?: AlertState;
    service?: string;
    severity?: string;
    limit?: number;
    offset?: number;
  }): Promise<HealthAlertPage>;
  /** One alert with its escalations. */
  getAlert(id: number): Promise<HealthAlertDetails>;
  /** firing → acknowledged; `until` is an ISO timestamp in the future. */
  acknowledgeAlert(
    id: number,
    body: { comment?: string; until?: string },
  ): Promise<HealthAlert>;
  /** Sends the alert to Slack or PagerDuty; the outcome is recorded and returned. */
  escalateAlert(
    id: number,
    body: { target: EscalationTarget; note?: string },
  ): Promise<AlertEscalation>;
  /** firing or acknowledged → resolved. */
  resolveAlert(id: number, body: { comment?: string }): Promise<HealthAlert>;
  /** One check with its status. */
  getCheck(checkId: number): Promise<CheckWithStatus>;
  /** Adds a check (permission `infra-health.check.manage`). */
  createCheck(input: HealthCheckInput): Promise<CheckWithStatus>;
  /** Replaces an API check; config checks answer 409. */
  updateCheck(
    checkId: number,
    input: HealthCheckInput,
  ): Promise<CheckWithStatus>;
  /** Deletes an API check; config checks answer 409. */
  deleteCheck(checkId: number): Promise<void>;
}

/** @public */
export const infraHealthApiRef = createApiRef<InfraHealthApi>({
  id: 'plugin.infra-health.service',
});
