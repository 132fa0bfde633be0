import {
  Deployment,
  DeploymentAuditAction,
  DeploymentAuditEntry,
  DeploymentAuditState,
  DeploymentSource,
  DeploymentStatus,
  EnvironmentVersion,
} from '@opshub/plugin-deployment-rollback-common';
import { PageQuery } from '@opshub/opshub-common';

/** @internal */
export interface DeploymentFilter {
  service?: string;
  environment?: string;
  status?: DeploymentStatus;
  /** Started at or after. */
  from?: Date;
  /** Started at or before. */
  to?: Date;
}

/** @internal */
export interface AuditFilter {
  service?: string;
  deploymentId?: number;
}

/** What the store returns per environment; the service adds config. @internal */
export type StoredEnvironmentVersion = Omit<
  EnvironmentVersion,
  'autoSync' | 'executor'
>;

/** One audit row to append. @internal */
export interface NewAuditEntry {
  deploymentId: number | null;
  service: string;
  environment: string;
  actor: string;
  action: DeploymentAuditAction;
  reason: string | null;
  before: DeploymentAuditState | null;
  after: DeploymentAuditState | null;
}

/** A deployment that OpsHub starts (trigger or rollback). @internal */
export interface NewDeployment {
  service: string;
  environment: string;
  version: string;
  source: Extract<DeploymentSource, 'trigger' | 'rollback'>;
  rollbackOf: number | null;
  triggeredBy: string;
  reason: string | null;
  commitSha: string | null;
}

/** A status change made by the store, for signals and the auditor. @internal */
export interface StoredChange {
  before: Deployment;
  after: Deployment;
}

/**
 * Storage of deployments and their audit trail.
 *
 * @internal
 */
export interface DeploymentStore {
  /** Deletes audit rows older than `before`; resolves with how many. */
  pruneAudit(before: Date): Promise<number>;
  listDeployments(
    filter: DeploymentFilter,
    page: PageQuery,
  ): Promise<{ items: Deployment[]; totalCount: number }>;
  /** The latest successful deployment per service and environment. */
  currentVersions(filter: {
    service?: string;
  }): Promise<StoredEnvironmentVersion[]>;
  getDeployment(id: number): Promise<Deployment | undefined>;
  /** The newest deployment of the service and environment, any status. */
  latestDeployment(
    service: string,
    environment: string,
  ): Promise<Deployment | undefined>;
  /** The newest `succeeded` deployment; with `before`, older than it and of another version. */
  latestSucceeded(
    service: string,
    environment: string,
    before?: Deployment,
  ): Promise<Deployment | undefined>;
  /** The queued or in-progress deployment of the service and environment. */
  inFlight(
    service: string,
    environment: string,
  ): Promise<Deployment | undefined>;
  /** Every queued or in-progress deployment, oldest first. */
  listInFlight(limit: number): Promise<Deployment[]>;
  /**
   * Inserts a queued deployment and its audit row in one transaction.
   * Throws `ConflictError` when one of the service and environment is
   * already queued or in progress (the partial unique index).
   */
  startDeployment(
    deployment: NewDeployment,
    audit: (created: Deployment) => NewAuditEntry,
  ): Promise<Deployment>;
  /** Records the executor's id and link of a started deployment. */
  recordExecution(
    id: number,
    execution: { executorRef?: string; externalId?: string; url?: string },
  ): Promise<Deployment | undefined>;
  /**
   * Moves an in-flight deployment to `status` with `message`, with its audit
   * row, in one transaction; undefined when it is no longer in flight.
   */
  finishInFlight(
    id: number,
    update: { status: DeploymentStatus; message: string | null },
    audit: (change: StoredChange) => NewAuditEntry,
  ): Promise<StoredChange | undefined>;
  appendAudit(entry: NewAuditEntry): Promise<DeploymentAuditEntry>;
  listAudit(
    filter: AuditFilter,
    page: PageQuery,
    order: 'asc' | 'desc',
  ): Promise<{ items: DeploymentAuditEntry[]; totalCount: number }>;
}
