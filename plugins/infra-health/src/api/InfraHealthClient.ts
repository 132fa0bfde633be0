import {
  CheckWithStatus,
  HealthCheckInput,
  HealthSamplePage,
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
