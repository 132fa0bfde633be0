import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  DEPLOYMENT_ROLLBACK_PLUGIN_ID,
  Deployment,
  DeploymentAuditPage,
  DeploymentDetail,
  DeploymentPage,
  EnvironmentVersion,
  RollbackDeploymentRequest,
  RollbackTargetInfo,
  TriggerDeploymentRequest,
  PreviewPage,
  PreviewState,
  WebhookDeliveryPage,
  WebhookOutcome,
  WebhookProvider,
} from '@opshub/plugin-deployment-rollback-common';
import { OpshubClientBase, OpshubClientOptions } from '@opshub/opshub-react';
import {
  DeploymentQuery,
  DeploymentRollbackApi,
} from './DeploymentRollbackApi';

const environmentPath = (service: string, environment: string) =>
  `/services/${encodeURIComponent(service)}/environments/${encodeURIComponent(
    environment,
  )}`;

/** @public */
export class DeploymentRollbackClient
  extends OpshubClientBase
  implements DeploymentRollbackApi
{
  private readonly discovery: DiscoveryApi;
  private readonly fetcher: FetchApi;

  constructor(options: OpshubClientOptions) {
    super(DEPLOYMENT_ROLLBACK_PLUGIN_ID, options);
    this.discovery = options.discoveryApi;
    this.fetcher = options.fetchApi;
  }

  listDeployments(query: DeploymentQuery): Promise<DeploymentPage> {
    return this.request('/deployments', { query: { ...query } });
  }

  getDeployment(id: number): Promise<DeploymentDetail> {
    return this.request(`/deployments/${encodeURIComponent(String(id))}`);
  }

  getCurrentVersions(options: {
    service?: string;
  }): Promise<{ items: EnvironmentVersion[] }> {
    return this.request('/environments', { query: options });
  }

  getRollbackTarget(
    service: string,
    environment: string,
  ): Promise<RollbackTargetInfo> {
    return this.request(
      `${environmentPath(service, environment)}/rollback-target`,
    );
  }

  triggerDeployment(
    service: string,
    environment: string,
    request: TriggerDeploymentRequest,
  ): Promise<Deployment> {
    return this.request(
      `${environmentPath(service, environment)}/deployments`,
      {
        method: 'POST',
        body: request,
      },
    );
  }

  rollback(
    service: string,
    environment: string,
    request: RollbackDeploymentRequest,
  ): Promise<Deployment> {
    return this.request(`${environmentPath(service, environment)}/rollback`, {
      method: 'POST',
      body: request,
    });
  }

  listAudit(options: {
    service?: string;
    limit?: number;
    offset?: number;
  }): Promise<DeploymentAuditPage> {
    return this.request('/audit', { query: { ...options, format: 'json' } });
  }

  async exportAuditCsv(options: { service?: string }): Promise<string> {
    const baseUrl = await this.discovery.getBaseUrl(
      DEPLOYMENT_ROLLBACK_PLUGIN_ID,
    );
    const params = new URLSearchParams({ format: 'csv' });
    if (options.service) {
      params.set('service', options.service);
    }
    const response = await this.fetcher.fetch(`${baseUrl}/audit?${params}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.text();
  }

  listDeliveries(options: {
    provider?: WebhookProvider;
    outcome?: WebhookOutcome;
    limit?: number;
    offset?: number;
  }): Promise<WebhookDeliveryPage> {
    return this.request('/deliveries', { query: options });
  }

  listPreviews(options: {
    service?: string;
    pr?: number;
    state?: PreviewState;
    limit?: number;
    offset?: number;
  }): Promise<PreviewPage> {
    return this.request('/previews', { query: options });
  }
}
