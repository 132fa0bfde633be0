import { DatabaseService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  Deployment,
  DeploymentAuditAction,
  DeploymentAuditEntry,
  DeploymentAuditState,
  DeploymentSource,
  DeploymentStatus,
} from '@opshub/plugin-deployment-rollback-common';
import { PageQuery } from '@opshub/opshub-common';
import {
  DbTimestamp,
  migrateAndConnect,
  timestampToIso as toIso,
} from '@opshub/opshub-node';
import { Knex } from 'knex';
import {
  AuditFilter,
  DeploymentFilter,
  DeploymentStore,
  NewAuditEntry,
  NewDeployment,
  StoredChange,
  StoredEnvironmentVersion,
} from './DeploymentStore';

const IN_FLIGHT: DeploymentStatus[] = ['queued', 'in_progress'];
const IN_FLIGHT_INDEX = 'deployments_in_flight_uq';

/** A `deployment_audit` row. @internal */
export type AuditRow = {
  id: number;
  deployment_id: number | null;
  service: string;
  environment: string;
  actor: string;
  action: string;
  details: string | null;
  created_at: DbTimestamp;
};

function readState(value: unknown): DeploymentAuditState | null {
  if (!value || typeof value !== 'object') return null;
  const { status, version } = value as Record<string, unknown>;
  return typeof status === 'string' && typeof version === 'string'
    ? { status: status as DeploymentStatus, version }
    : null;
}

/** @internal */
export function toAuditEntry(row: AuditRow): DeploymentAuditEntry {
  let details: Record<string, unknown> = {};
  try {
    const parsed = row.details ? JSON.parse(row.details) : {};
    if (parsed && typeof parsed === 'object') details = parsed;
  } catch {
    // a row written by hand; show it without details
  }
  return {
    id: Number(row.id),
    deploymentId: row.deployment_id === null ? null : Number(row.deployment_id),
    service: row.service,
    environment: row.environment,
    actor: row.actor,
    action: row.action as DeploymentAuditAction,
    reason: typeof details.reason === 'string' ? details.reason : null,
    before: readState(details.before),
    after: readState(details.after),
    createdAt: toIso(row.created_at),
  };
}

/** Whether `error` is the violation of the one-in-flight index. */
export function isInFlightViolation(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  if (e?.code === '23505') {
    return e.constraint === IN_FLIGHT_INDEX;
  }
  return (
    typeof e?.message === 'string' &&
    e.message.includes('UNIQUE constraint failed') &&
    e.message.includes('deployments.service, deployments.environment')
  );
}

function idOf(inserted: unknown): number {
  return Number(
    typeof inserted === 'object' && inserted !== null
      ? (inserted as { id: unknown }).id
      : inserted,
  );
}

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
  executor_ref: string | null;
  url: string | null;
  reason: string | null;
  message: string | null;
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
    externalId: row.executor_ref ?? row.external_id ?? null,
    url: row.url ?? null,
    reason: row.reason ?? null,
    message: row.message ?? null,
  };
}

/**
 * Knex implementation of {@link DeploymentStore}, for PostgreSQL and SQLite.
 *
 * @internal
 */
export class DatabaseDeploymentStore implements DeploymentStore {
  async pruneAudit(before: Date): Promise<number> {
    return this.db('deployment_audit')
      .where('created_at', '<', before)
      .delete();
  }

  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseDeploymentStore> {
    const db = await migrateAndConnect({
      database: options.database,
      packageName: '@opshub/plugin-deployment-rollback-backend',
    });
    return new DatabaseDeploymentStore(db);
  }

  private readonly postgres: boolean;

  private constructor(private readonly db: Knex) {
    this.postgres = String(db.client.config.client).startsWith('p');
  }

  private filtered(filter: DeploymentFilter) {
    const query = this.db<DeploymentRow>('deployments');
    if (filter.service) query.where('service', filter.service);
    if (filter.environment) query.where('environment', filter.environment);
    if (filter.status) query.where('status', filter.status);
    if (filter.from) query.where('started_at', '>=', filter.from);
    if (filter.to) query.where('started_at', '<=', filter.to);
    return query;
  }

  private newestFirst = [
    { column: 'started_at', order: 'desc' },
    { column: 'id', order: 'desc' },
  ];

  async listDeployments(filter: DeploymentFilter, page: PageQuery) {
    const [rows, [{ count }]] = await Promise.all([
      this.filtered(filter)
        .select('*')
        .orderBy(this.newestFirst)
        .limit(page.limit)
        .offset(page.offset),
      this.filtered(filter).count({ count: '*' }),
    ]);
    return { items: rows.map(toDeployment), totalCount: Number(count) };
  }

  async currentVersions(filter: {
    service?: string;
  }): Promise<StoredEnvironmentVersion[]> {
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

  async getDeployment(id: number) {
    const row = await this.db<DeploymentRow>('deployments')
      .where('id', id)
      .first();
    return row && toDeployment(row);
  }

  async latestDeployment(service: string, environment: string) {
    const row = await this.db<DeploymentRow>('deployments')
      .where({ service, environment })
      .orderBy(this.newestFirst)
      .first();
    return row && toDeployment(row);
  }

  async latestSucceeded(
    service: string,
    environment: string,
    before?: Deployment,
  ) {
    const query = this.db<DeploymentRow>('deployments')
      .where({ service, environment, status: 'succeeded' })
      .orderBy(this.newestFirst);
    if (before) {
      const startedAt = new Date(before.startedAt);
      query
        .whereNot('version', before.version)
        .andWhere(older =>
          older
            .where('started_at', '<', startedAt)
            .orWhere(same =>
              same.where('started_at', startedAt).where('id', '<', before.id),
            ),
        );
    }
    const row = await query.first();
    return row && toDeployment(row);
  }

  async inFlight(service: string, environment: string) {
    const row = await this.db<DeploymentRow>('deployments')
      .where({ service, environment })
      .whereIn('status', IN_FLIGHT)
      .orderBy(this.newestFirst)
      .first();
    return row && toDeployment(row);
  }

  async listInFlight(limit: number) {
    const rows = await this.db<DeploymentRow>('deployments')
      .whereIn('status', IN_FLIGHT)
      .orderBy('id', 'asc')
      .limit(limit);
    return rows.map(toDeployment);
  }

  async startDeployment(
    deployment: NewDeployment,
    audit: (created: Deployment) => NewAuditEntry,
  ): Promise<Deployment> {
    try {
      return await this.db.transaction(async trx => {
        const [inserted] = await trx('deployments')
          .insert({
            service: deployment.service,
            environment: deployment.environment,
            version: deployment.version,
            commit_sha: deployment.commitSha,
            status: 'queued',
            source: deployment.source,
            rollback_of: deployment.rollbackOf,
            triggered_by: deployment.triggeredBy.slice(0, 255),
            reason: deployment.reason,
            started_at: new Date(),
          })
          .returning('id');
        const row = await trx<DeploymentRow>('deployments')
          .where('id', idOf(inserted))
          .first();
        const created = toDeployment(row!);
        await this.insertAudit(trx, audit(created));
        return created;
      });
    } catch (error) {
      if (isInFlightViolation(error)) {
        throw new ConflictError(
          `A deployment of ${deployment.service} to ${deployment.environment} is already queued or in progress`,
        );
      }
      throw error;
    }
  }

  async recordExecution(
    id: number,
    execution: { executorRef?: string; externalId?: string; url?: string },
  ) {
    const update: Partial<DeploymentRow> = {};
    if (execution.executorRef) {
      update.executor_ref = execution.executorRef.slice(0, 255);
    }
    if (execution.url) update.url = execution.url.slice(0, 2048);
    if (Object.keys(update).length) {
      await this.db('deployments').where('id', id).update(update);
    }
    if (execution.externalId) {
      // the key a status webhook names this deployment by; another
      // deployment may already hold it (a deployer that reuses ids)
      const taken = await this.db('deployments')
        .where('external_id', execution.externalId.slice(0, 255))
        .first('id');
      if (!taken) {
        await this.db('deployments')
          .where('id', id)
          .update({ external_id: execution.externalId.slice(0, 255) })
          .catch(() => undefined);
      }
    }
    return this.getDeployment(id);
  }

  async finishInFlight(
    id: number,
    update: { status: DeploymentStatus; message: string | null },
    audit: (change: StoredChange) => NewAuditEntry,
  ): Promise<StoredChange | undefined> {
    return this.db.transaction(async trx => {
      const query = trx<DeploymentRow>('deployments')
        .where('id', id)
        .whereIn('status', IN_FLIGHT)
        .first();
      if (this.postgres) query.forUpdate();
      const before = await query;
      if (!before || before.status === update.status) {
        return undefined;
      }
      const final = !IN_FLIGHT.includes(update.status);
      await trx('deployments')
        .where('id', id)
        .update({
          status: update.status,
          message: update.message?.slice(0, 2000) ?? before.message,
          finished_at: final ? new Date() : null,
        });
      const after = await trx<DeploymentRow>('deployments')
        .where('id', id)
        .first();
      const change = {
        before: toDeployment(before),
        after: toDeployment(after!),
      };
      await this.insertAudit(trx, audit(change));
      return change;
    });
  }

  private async insertAudit(db: Knex, entry: NewAuditEntry) {
    const createdAt = new Date();
    const [inserted] = await db('deployment_audit')
      .insert({
        deployment_id: entry.deploymentId,
        service: entry.service,
        environment: entry.environment,
        actor: entry.actor.slice(0, 255),
        action: entry.action,
        details: JSON.stringify({
          reason: entry.reason,
          before: entry.before,
          after: entry.after,
        }),
        created_at: createdAt,
      })
      .returning('id');
    return toAuditEntry({
      id: idOf(inserted),
      deployment_id: entry.deploymentId,
      service: entry.service,
      environment: entry.environment,
      actor: entry.actor.slice(0, 255),
      action: entry.action,
      details: JSON.stringify(entry),
      created_at: createdAt,
    });
  }

  async appendAudit(entry: NewAuditEntry) {
    return this.insertAudit(this.db, entry);
  }

  async listAudit(filter: AuditFilter, page: PageQuery, order: 'asc' | 'desc') {
    const filtered = () => {
      const query = this.db<AuditRow>('deployment_audit');
      if (filter.service) query.where('service', filter.service);
      if (filter.deploymentId !== undefined) {
        query.where('deployment_id', filter.deploymentId);
      }
      return query;
    };
    const [rows, [{ count }]] = await Promise.all([
      filtered()
        .select('*')
        .orderBy([
          { column: 'created_at', order },
          { column: 'id', order },
        ])
        .limit(page.limit)
        .offset(page.offset),
      filtered().count({ count: '*' }),
    ]);
    return { items: rows.map(toAuditEntry), totalCount: Number(count) };
  }
}
