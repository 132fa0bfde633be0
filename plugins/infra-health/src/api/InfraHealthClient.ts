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
  INFRA_HEALTH_PLUGIN_ID,
} from '@opshub/plugin-infra-health-common';
import { OpshubClientBase, OpshubClientOptions } from '@opshub/opshub-react';
import { InfraHealthApi } from './InfraHealthApi';

/**
 * The {@link InfraHealthApi} over HTTP, at `/api/infra-health`.
 *
 * @public
 */
export class InfraHealthClient
  extends OpshubClientBase
  implements InfraHealthApi
{
  constructor(options: OpshubClientOptions) {
    super(INFRA_HEALTH_PLUGIN_ID, options);
  }

  listChecks(options: {
    service?: string;
  }): Promise<{ items: CheckWithStatus[]; canManage?: boolean }> {
    return this.request('/checks', { query: options });
  }

  listSamples(
    checkId: number,
    options: { limit?: number; offset?: number },
  ): Promise<HealthSamplePage> {
    return this.request(
      `/checks/${encodeURIComponent(String(checkId))}/samples`,
      { query: options },
    );
  }

  listRollups(
    checkId: number,
    options: { from?: string; to?: string },
  ): Promise<{ items: CheckRollup[] }> {
    return this.request(
      `/checks/${encodeURIComponent(String(checkId))}/rollups`,
      { query: options },
    );
  }

  listSlos(options: { service?: string }): Promise<{ items: SloStatus[] }> {
    return this.request('/slos', { query: options });
  }

  createSlo(slo: SloDefinition): Promise<Slo> {
    return this.request('/slos', { method: 'POST', body: slo });
  }

  updateSlo(id: number, slo: SloDefinition): Promise<Slo> {
    return this.request(`/slos/${encodeURIComponent(String(id))}`, {
      method: 'PUT',
      body: slo,
    });
  }

  deleteSlo(id: number): Promise<void> {
    return this.request(`/slos/${encodeURIComponent(String(id))}`, {
      method: 'DELETE',
    });
  }

  getLogs(options: {
    service: string;
    since?: string;
    limit?: number;
  }): Promise<ServiceLogs> {
    return this.request('/logs', { query: options });
  }
  listAlerts(options: {
    state?: AlertState;
    service?: string;
    severity?: string;
    limit?: number;
    offset?: number;
  }): Promise<HealthAlertPage> {
    return this.request('/alerts', { query: options });
  }

  getAlert(id: number): Promise<HealthAlertDetails> {
    return this.request(`/alerts/${encodeURIComponent(String(id))}`);
  }

  acknowledgeAlert(
    id: number,
    body: { comment?: string; until?: string },
  ): Promise<HealthAlert> {
    return this.request(
      `/alerts/${encodeURIComponent(String(id))}/acknowledge`,
      { method: 'POST', body },
    );
  }

  escalateAlert(
    id: number,
    body: { target: EscalationTarget; note?: string },
  ): Promise<AlertEscalation> {
    return this.request(`/alerts/${encodeURIComponent(String(id))}/escalate`, {
      method: 'POST',
      body,
    });
  }

  resolveAlert(id: number, body: { comment?: string }): Promise<HealthAlert> {
    return this.request(`/alerts/${encodeURIComponent(String(id))}/resolve`, {
      method: 'POST',
      body,
    });
  }
  getCheck(checkId: number): Promise<CheckWithStatus> {
    return this.request(`/checks/${encodeURIComponent(String(checkId))}`);
  }

  createCheck(input: HealthCheckInput): Promise<CheckWithStatus> {
    return this.request('/checks', { method: 'POST', body: input });
  }

  updateCheck(
    checkId: number,
    input: HealthCheckInput,
  ): Promise<CheckWithStatus> {
    return this.request(`/checks/${encodeURIComponent(String(checkId))}`, {
      method: 'PUT',
      body: input,
    });
  }

  async deleteCheck(checkId: number): Promise<void> {
    await this.request<void>(`/checks/${encodeURIComponent(String(checkId))}`, {
      method: 'DELETE',
    });
  }
}
