import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  Deployment,
  DeploymentSource,
  DeploymentStatus,
  EnvironmentVersion,
} from '@opshub/plugin-deployment-rollback-common';
import { PageQuery } from '@opshub/opshub-common';
import {
  DbTimestamp,
  migrateAndConnect,
  timestampToIso as toIso,
} from '@opshub/opshub-node';
import { Knex } from 'knex';
import { DeploymentFilter, DeploymentStore } from './DeploymentStore';

/** A `deployments` row. @internal */
export type DeploymentRow = {
  id: number;
  service: string;
  environment: string;
  version: string;
  commit_sha: string | null;
  status: DeploymentStatus;
  source: DeploymentSource;
  rollback_of: number | null;
  triggered_by: string;
  external_id: string | null;
  started_at: DbTimestamp;
  finished_at: DbTimestamp | null;
};

/** @internal */
export function toDeployment(row: DeploymentRow): Deployment {
  return {
    id: Number(row.id),
    service: row.service,
    environment: row.environment,
    version: row.version,
    commitSha: row.commit_sha,
    status: row.status,
    source: row.source,
    rollbackOf: row.rollback_of === null ? null : Number(row.rollback_of),
    triggeredBy: row.triggered_by,
    startedAt: toIso(row.started_at),
    finishedAt: row.finished_at === null ? null : toIso(row.finished_at),
  };
}

/**
 * Knex implementation of {@link DeploymentStore}, for PostgreSQL and SQLite.
 *
 * @internal
 */
export class DatabaseDeploymentStore implements DeploymentStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseDeploymentStore> {
    const db = await migrateAndConnect({
      database: options.database,
      packageName: '@opshub/plugin-deployment-rollback-backend',
    });
    return new DatabaseDeploymentStore(db);
  }

  private constructor(private readonly db: Knex) {}

  private filtered(filter: DeploymentFilter) {
    const query = this.db<DeploymentRow>('deployments');
    if (filter.service) query.where('service', filter.service);
    if (filter.environment) query.where('environment', filter.environment);
    return query;
  }

  async listDeployments(filter: DeploymentFilter, page: PageQuery) {
    const [rows, [{ count }]] = await Promise.all([
      this.filtered(filter)
        .select('*')
        .orderBy([
          { column: 'started_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(page.limit)
        .offset(page.offset),
      this.filtered(filter).count({ count: '*' }),
    ]);
    return { items: rows.map(toDeployment), totalCount: Number(count) };
  }

  async currentVersions(filter: {
    service?: string;
  }): Promise<EnvironmentVersion[]> {
    const ranked = (status?: DeploymentStatus) => {
      const inner = this.db('deployments').select(
        '*',
        this.db.raw(
          'row_number() over (partition by service, environment order by started_at desc, id desc) as rn',
        ),
      );
      if (status) inner.where('status', status);
      if (filter.service) inner.where('service', filter.service);
      return this.db
        .from(inner.as('ranked'))
        .where('rn', 1)
        .select<DeploymentRow[]>('*');
    };
    const [good, latest] = await Promise.all([ranked('succeeded'), ranked()]);
    const latestByKey = new Map(
      latest.map(row => [`${row.service}\u0000${row.environment}`, row]),
    );
    return good.map(row => ({
      service: row.service,
      environment: row.environment,
      version: row.version,
      deploymentId: Number(row.id),
      deployedAt: toIso(row.finished_at ?? row.started_at),
      latestStatus:
        latestByKey.get(`${row.service}\u0000${row.environment}`)?.status ??
        row.status,
    }));
  }
}
