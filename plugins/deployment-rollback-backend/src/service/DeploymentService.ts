import { NotFoundError } from '@backstage/errors';
import {
  DeploymentAuditEntry,
  DeploymentDetail,
  EnvironmentVersion,
} from '@opshub/plugin-deployment-rollback-common';
import { PageQuery } from '@opshub/opshub-common';
import { toCsv, toPage } from '@opshub/opshub-node';
import { ConfiguredEnvironment } from '@opshub/plugin-deployment-rollback-node';
import {
  AuditFilter,
  DeploymentFilter,
  DeploymentStore,
} from '../database/DeploymentStore';

/** The most audit rows one CSV export holds. */
export const MAX_AUDIT_EXPORT = 10_000;

const CSV_COLUMNS = [
  'id',
  'createdAt',
  'service',
  'environment',
  'deploymentId',
  'actor',
  'action',
  'reason',
  'beforeStatus',
  'beforeVersion',
  'afterStatus',
  'afterVersion',
] as const;

/** One audit entry as the cells of {@link CSV_COLUMNS}. */
function auditRow(e: DeploymentAuditEntry) {
  return [
    e.id,
    e.createdAt,
    e.service,
    e.environment,
    e.deploymentId,
    e.actor,
    e.action,
    e.reason,
    e.before?.status ?? null,
    e.before?.version ?? null,
    e.after?.status ?? null,
    e.after?.version ?? null,
  ];
}

/**
 * Reads of the deployment-rollback plugin: history, current versions and
 * the audit trail.
 *
 * @internal
 */
export class DeploymentService {
  private readonly store: DeploymentStore;
  private readonly environments: ConfiguredEnvironment[];

  constructor(options: {
    store: DeploymentStore;
    environments: ConfiguredEnvironment[];
  }) {
    this.store = options.store;
    this.environments = options.environments;
  }

  async listDeployments(filter: DeploymentFilter, page: PageQuery) {
    const { items, totalCount } = await this.store.listDeployments(
      filter,
      page,
    );
    return toPage(items, totalCount, page);
  }

  /** A deployment with its audit trail, oldest first. */
  async getDeployment(id: number): Promise<DeploymentDetail> {
    const deployment = await this.store.getDeployment(id);
    if (!deployment) {
      throw new NotFoundError(`Deployment ${id} does not exist`);
    }
    const { items } = await this.store.listAudit(
      { deploymentId: id },
      { limit: 500, offset: 0 },
      'asc',
    );
    return { ...deployment, audit: items };
  }

  async listAudit(filter: AuditFilter, page: PageQuery) {
    const { items, totalCount } = await this.store.listAudit(
      filter,
      page,
      'desc',
    );
    return toPage(items, totalCount, page);
  }

  /** Up to {@link MAX_AUDIT_EXPORT} audit rows, newest first, as CSV. */
  async exportAuditCsv(filter: AuditFilter): Promise<string> {
    const { items } = await this.store.listAudit(
      filter,
      { limit: MAX_AUDIT_EXPORT, offset: 0 },
      'desc',
    );
    return toCsv(CSV_COLUMNS, items.map(auditRow));
  }

  /**
   * Current versions, ordered by service, then by the configured promotion
   * order of environments (unknown environments last, by name), with each
   * environment's `autoSync` and executor type.
   */
  async currentVersions(filter: {
    service?: string;
  }): Promise<EnvironmentVersion[]> {
    const byName = new Map(this.environments.map((e, i) => [e.name, i]));
    const rank = (env: string) => byName.get(env) ?? this.environments.length;
    const versions = await this.store.currentVersions(filter);
    return versions
      .map(version => {
        const environment = this.environments[rank(version.environment)];
        return {
          ...version,
          autoSync: environment?.autoSync ?? false,
          executor: environment?.executor?.id ?? null,
        };
      })
      .sort(
        (a, b) =>
          a.service.localeCompare(b.service) ||
          rank(a.environment) - rank(b.environment) ||
          a.environment.localeCompare(b.environment),
      );
  }
}
