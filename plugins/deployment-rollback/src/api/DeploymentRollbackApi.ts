import { createApiRef } from '@backstage/core-plugin-api';
import {
  PreviewPage,
  PreviewState,
  Deployment,
  DeploymentAuditPage,
  DeploymentDetail,
  DeploymentPage,
  DeploymentStatus,
  EnvironmentVersion,
  RollbackDeploymentRequest,
  RollbackTargetInfo,
  TriggerDeploymentRequest,
  WebhookDeliveryPage,
  WebhookOutcome,
  WebhookProvider,
} from '@opshub/plugin-deployment-rollback-common';

/**
 * The filters and page of `GET /deployments`. `from` and `to` are ISO
 * timestamps bounding `startedAt`.
 *
 * @public
 */
export interface DeploymentQuery {
  service?: string;
  environment?: string;
  status?: DeploymentStatus;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

/** @public */
export interface DeploymentRollbackApi {
  /** `GET /deployments`: newest first, filtered and paged on the server. */
  listDeployments(query: DeploymentQuery): Promise<DeploymentPage>;
  /** `GET /deployments/:id`: one deployment with its audit trail. */
  getDeployment(id: number): Promise<DeploymentDetail>;
  /** `GET /environments`: the version running per environment. */
  getCurrentVersions(options: {
    service?: string;
  }): Promise<{ items: EnvironmentVersion[] }>;
  /** What a rollback of the environment would restore, or why it cannot. */
  getRollbackTarget(
    service: string,
    environment: string,
  ): Promise<RollbackTargetInfo>;
  /** Starts a deployment of a version through the environment's executor. */
  triggerDeployment(
    service: string,
    environment: string,
    request: TriggerDeploymentRequest,
  ): Promise<Deployment>;
  /** Rolls the environment back; answers the new deployment. */
  rollback(
    service: string,
    environment: string,
    request: RollbackDeploymentRequest,
  ): Promise<Deployment>;
  /** `GET /audit?format=json`: the audit trail, newest first. */
  listAudit(options: {
    service?: string;
    limit?: number;
    offset?: number;
  }): Promise<DeploymentAuditPage>;
  /** `GET /audit?format=csv`: the audit trail as CSV text. */
  exportAuditCsv(options: { service?: string }): Promise<string>;
  /** `GET /deliveries`: received webhook deliveries, newest first. */
  listDeliveries(options: {
    provider?: WebhookProvider;
    outcome?: WebhookOutcome;
    limit?: number;
    offset?: number;
  }): Promise<WebhookDeliveryPage>;
  /** `GET /previews`: preview environments per pull request, newest first. */
  listPreviews(options: {
    service?: string;
    pr?: number;
    state?: PreviewState;
    limit?: number;
    offset?: number;
  }): Promise<PreviewPage>;
}

/** @public */
export const deploymentRollbackApiRef = createApiRef<DeploymentRollbackApi>({
  id: 'plugin.deployment-rollback.service',
});
