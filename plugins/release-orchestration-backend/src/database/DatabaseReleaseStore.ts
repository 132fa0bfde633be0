import { DatabaseService } from '@backstage/backend-plugin-api';
import { PageQuery } from '@opshub/opshub-common';
import {
  DbTimestamp,
  migrateAndConnect,
  timestampToIso as toIso,
  timestampToIsoOrNull as toIsoOrNull,
} from '@opshub/opshub-node';
import {
  Cluster,
  Customer,
  CustomerStep,
  Metadata,
  Release,
  ReleaseStatus,
  ReleaseType,
  StepCategory,
  StepEvent,
  StepEventKind,
  StepStatus,
  StepTemplate,
  StepType,
} from '@opshub/plugin-release-orchestration-common';
import { Knex } from 'knex';
import {
  ClusterFields,
  CustomerFields,
  CustomerFilter,
  ExportedStep,
  MatrixStepRow,
  NewStepEvent,
  ReleaseCustomerRow,
  ReleaseFields,
  ReleaseFilter,
  ReleaseStore,
  StatusCountRow,
  StepPatch,
  TemplateFields,
} from './ReleaseStore';

type Timestamp = DbTimestamp;
// SQLite stores booleans as 0/1; PostgreSQL returns bigint aggregates as strings
type Bool = boolean | number;
type Count = number | string;
// PostgreSQL parses json columns; SQLite returns the text
type JsonColumn = Metadata | string | null;

/** A stored metadata object; anything but a JSON object reads as `{}`. */
function toMetadata(value: JsonColumn): Metadata {
  const parsed = typeof value === 'string' ? JSON.parse(value) : value;
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
    ? (parsed as Metadata)
    : {};
}

/** Serialized for a json column (PostgreSQL) or text (SQLite). */
function metadataColumn(value: Metadata | undefined): string | undefined {
  return value === undefined ? undefined : JSON.stringify(value);
}

type ClusterRow = {
  id: number;
  name: string;
  display_name: string;
  description: string | null;
  region: string | null;
  catalog_entity_ref: string | null;
  kubeconfig_path: string | null;
  metadata: JsonColumn;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Timestamp | null;
  customer_count: Count;
  active_customer_count: Count;
};

type CustomerRow = {
  id: number;
  cluster_id: number;
  cluster_name: string;
  name: string;
  namespace: string;
  catalog_entity_ref: string | null;
  is_active: Bool;
  notes: string | null;
  metadata: JsonColumn;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Timestamp | null;
};

type ReleaseRow = {
  id: number;
  name: string;
  type: ReleaseType;
  status: ReleaseStatus;
  version_number: string | null;
  release_date: string | null;
  description: string | null;
  catalog_entity_ref: string | null;
  created_by: string | null;
  activated_at: Timestamp | null;
  archived_at: Timestamp | null;
  metadata: JsonColumn;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
};

type TemplateRow = {
  id: number;
  release_id: number;
  name: string;
  category: StepCategory;
  type: StepType;
  content: string;
  description: string | null;
  order_index: number;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
};

type StepRow = {
  id: number;
  release_id: number;
  customer_id: number;
  template_id: number | null;
  name: string;
  category: StepCategory;
  type: StepType;
  content: string;
  order_index: number;
  status: StepStatus;
  executed_at: Timestamp | null;
  executed_by: string | null;
  skip_reason: string | null;
  notes: string | null;
  is_custom: Bool;
  is_overridden: Bool;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
};

type EventRow = {
  id: number | string;
  step_id: number | null;
  release_id: number;
  customer_id: number;
  kind: StepEventKind;
  actor: string;
  at: Timestamp;
  from_status: StepStatus | null;
  to_status: StepStatus | null;
  note: string | null;
  content_before: string | null;
  content_after: string | null;
};

function toCluster(row: ClusterRow): Cluster {
  return {
    id: Number(row.id),
    name: row.name,
    displayName: row.display_name,
    description: row.description,
    region: row.region,
    catalogEntityRef: row.catalog_entity_ref,
    kubeconfigPath: row.kubeconfig_path,
    metadata: toMetadata(row.metadata),
    customerCount: Number(row.customer_count),
    activeCustomerCount: Number(row.active_customer_count),
    version: Number(row.version),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

function toCustomer(row: CustomerRow): Customer {
  return {
    id: Number(row.id),
    clusterId: Number(row.cluster_id),
    clusterName: row.cluster_name,
    name: row.name,
    namespace: row.namespace,
    catalogEntityRef: row.catalog_entity_ref,
    isActive: Boolean(row.is_active),
    notes: row.notes,
    metadata: toMetadata(row.metadata),
    version: Number(row.version),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

function toRelease(row: ReleaseRow): Release {
  return {
    id: Number(row.id),
    name: row.name,
    type: row.type,
    status: row.status,
    versionNumber: row.version_number,
    releaseDate: row.release_date,
    description: row.description,
    catalogEntityRef: row.catalog_entity_ref,
    createdBy: row.created_by,
    activatedAt: toIsoOrNull(row.activated_at),
    archivedAt: toIsoOrNull(row.archived_at),
    metadata: toMetadata(row.metadata),
    version: Number(row.version),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

function toTemplate(row: TemplateRow): StepTemplate {
  return {
    id: Number(row.id),
    releaseId: Number(row.release_id),
    name: row.name,
    category: row.category,
    type: row.type,
    content: row.content,
    description: row.description,
    orderIndex: Number(row.order_index),
    version: Number(row.version),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

function toStep(row: StepRow): CustomerStep {
  return {
    id: Number(row.id),
    releaseId: Number(row.release_id),
    customerId: Number(row.customer_id),
    templateId: row.template_id === null ? null : Number(row.template_id),
    name: row.name,
    category: row.category,
    type: row.type,
    content: row.content,
    orderIndex: Number(row.order_index),
    status: row.status,
    executedAt: toIsoOrNull(row.executed_at),
    executedBy: row.executed_by,
    skipReason: row.skip_reason,
    notes: row.notes,
    isCustom: Boolean(row.is_custom),
    isOverridden: Boolean(row.is_overridden),
    version: Number(row.version),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

function toEvent(row: EventRow): StepEvent {
  return {
    id: Number(row.id),
    stepId: row.step_id === null ? null : Number(row.step_id),
    releaseId: Number(row.release_id),
    customerId: Number(row.customer_id),
    kind: row.kind,
    actor: row.actor,
    at: toIso(row.at),
    fromStatus: row.from_status,
    toStatus: row.to_status,
    note: row.note,
    contentBefore: row.content_before,
    contentAfter: row.content_after,
  };
}

/** `%`, `_` and the escape character itself match literally. */
function likePattern(search: string): string {
  return `%${search.toLowerCase().replace(/[!%_]/g, c => `!${c}`)}%`;
}

function insertedId(row: unknown): number {
  return Number(
    typeof row === 'object' && row !== null ? (row as { id: number }).id : row,
  );
}

/** Drops undefined values, so that a partial update leaves columns alone. */
function defined<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}

/** Columns that activation and propagation copy from a template. */
const STEP_COPY_COLUMNS = [
  'release_id',
  'customer_id',
  'template_id',
  'name',
  'category',
  'type',
  'content',
  'order_index',
];

/**
 * Knex implementation of {@link ReleaseStore}, for PostgreSQL and SQLite.
 *
 * @internal
 */
export class DatabaseReleaseStore implements ReleaseStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseReleaseStore> {
    const db = await migrateAndConnect({
      database: options.database,
      packageName: '@opshub/plugin-release-orchestration-backend',
    });
    return new DatabaseReleaseStore(db);
  }

  /** For scripts and tests that already hold a migrated Knex client. */
  static fromKnex(db: Knex): DatabaseReleaseStore {
    return new DatabaseReleaseStore(db);
  }

  private readonly isPostgres: boolean;

  private constructor(private readonly db: Knex) {
    const client = String(db.client.config.client ?? '');
    this.isPostgres = ['pg', 'postgres', 'postgresql'].includes(client);
  }

  async transaction<T>(fn: (tx: ReleaseStore) => Promise<T>): Promise<T> {
    if ((this.db as Knex.Transaction).isTransaction) {
      return fn(this);
    }
    return this.db.transaction(trx => fn(new DatabaseReleaseStore(trx)));
  }

  private now() {
    return this.db.fn.now();
  }

  // ---- clusters and customers ---------------------------------------------

  /** Live clusters with the number of (active) live customers of each. */
  private clusters() {
    const counts = this.db('customers')
      .whereNull('deleted_at')
      .groupBy('cluster_id')
      .select(
        'cluster_id',
        this.db.raw('count(*) as customer_count'),
        this.db.raw(
          'sum(case when is_active then 1 else 0 end) as active_customer_count',
        ),
      )
      .as('counts');
    return this.db('clusters')
      .leftJoin(counts, 'counts.cluster_id', 'clusters.id')
      .whereNull('clusters.deleted_at')
      .select<ClusterRow[]>(
        'clusters.*',
        this.db.raw('coalesce(counts.customer_count, 0) as customer_count'),
        this.db.raw(
          'coalesce(counts.active_customer_count, 0) as active_customer_count',
        ),
      );
  }

  async listClusters(): Promise<Cluster[]> {
    const rows = await this.clusters().orderBy('clusters.name');
    return rows.map(toCluster);
  }

  async getCluster(name: string): Promise<Cluster | undefined> {
    const [row] = await this.clusters().where('clusters.name', name).limit(1);
    return row ? toCluster(row) : undefined;
  }

  async createCluster(name: string, fields: ClusterFields): Promise<number> {
    const [row] = await this.db('clusters')
      .insert({
        name,
        display_name: fields.displayName,
        description: fields.description,
        region: fields.region,
        catalog_entity_ref: fields.catalogEntityRef,
        kubeconfig_path: fields.kubeconfigPath,
        metadata: metadataColumn(fields.metadata),
      })
      .returning('id');
    return insertedId(row);
  }

  /**
   * The one way live clusters and customers change: only the row with this
   * id and version (a stale version changes nothing), bumping the version.
   */
  private async updateLiveRow(
    table: 'clusters' | 'customers',
    id: number,
    version: number,
    values: Record<string, unknown>,
  ): Promise<boolean> {
    const count = await this.db(table)
      .where({ id, version })
      .whereNull('deleted_at')
      .update({ ...values, version: version + 1, updated_at: this.now() });
    return count === 1;
  }

  async updateCluster(
    id: number,
    version: number,
    fields: Partial<ClusterFields>,
  ): Promise<boolean> {
    return this.updateLiveRow(
      'clusters',
      id,
      version,
      defined({
        display_name: fields.displayName,
        description: fields.description,
        region: fields.region,
        catalog_entity_ref: fields.catalogEntityRef,
        kubeconfig_path: fields.kubeconfigPath,
        metadata: metadataColumn(fields.metadata),
      }),
    );
  }

  async softDeleteCluster(id: number, version: number): Promise<boolean> {
    return this.updateLiveRow('clusters', id, version, {
      deleted_at: this.now(),
    });
  }

  private customers(filter: CustomerFilter) {
    const query = this.db('customers')
      .join('clusters', 'clusters.id', 'customers.cluster_id')
      .whereNull('customers.deleted_at')
      .whereNull('clusters.deleted_at');
    if (filter.clusterId !== undefined) {
      query.where('customers.cluster_id', filter.clusterId);
    }
    if (filter.search) {
      const pattern = likePattern(filter.search);
      query.where(inner =>
        inner
          .whereRaw(`lower(customers.name) like ? escape '!'`, [pattern])
          .orWhereRaw(`lower(customers.namespace) like ? escape '!'`, [
            pattern,
          ]),
      );
    }
    return query;
  }

  async listCustomers(filter: CustomerFilter, page: PageQuery) {
    const [rows, [{ count }]] = await Promise.all([
      this.customers(filter)
        .select<CustomerRow[]>('customers.*', 'clusters.name as cluster_name')
        .orderBy([
          { column: 'customers.name', order: 'asc' },
          { column: 'clusters.name', order: 'asc' },
          { column: 'customers.id', order: 'asc' },
        ])
        .limit(page.limit)
        .offset(page.offset),
      this.customers(filter).count({ count: '*' }),
    ]);
    return { items: rows.map(toCustomer), totalCount: Number(count) };
  }

  async getCustomer(id: number): Promise<Customer | undefined> {
    const [row] = await this.customers({})
      .where('customers.id', id)
      .select<CustomerRow[]>('customers.*', 'clusters.name as cluster_name')
      .limit(1);
    return row ? toCustomer(row) : undefined;
  }

  async createCustomer(
    clusterId: number,
    fields: CustomerFields,
  ): Promise<number> {
    const [row] = await this.db('customers')
      .insert({
        cluster_id: clusterId,
        name: fields.name,
        namespace: fields.namespace,
        catalog_entity_ref: fields.catalogEntityRef,
        is_active: fields.isActive,
        notes: fields.notes,
        metadata: metadataColumn(fields.metadata),
      })
      .returning('id');
    return insertedId(row);
  }

  async updateCustomer(
    id: number,
    version: number,
    fields: Partial<CustomerFields>,
  ): Promise<boolean> {
    return this.updateLiveRow(
      'customers',
      id,
      version,
      defined({
        name: fields.name,
        namespace: fields.namespace,
        catalog_entity_ref: fields.catalogEntityRef,
        is_active: fields.isActive,
        notes: fields.notes,
        metadata: metadataColumn(fields.metadata),
      }),
    );
  }

  async softDeleteCustomer(id: number, version: number): Promise<boolean> {
    return this.updateLiveRow('customers', id, version, {
      deleted_at: this.now(),
    });
  }

  private eligibleCustomers() {
    return this.db('customers')
      .join('clusters', 'clusters.id', 'customers.cluster_id')
      .whereNull('customers.deleted_at')
      .whereNull('clusters.deleted_at')
      .where('customers.is_active', true);
  }

  async eligibleCustomerIds(ids: number[]): Promise<number[]> {
    if (ids.length === 0) {
      return [];
    }
    const rows = await this.eligibleCustomers()
      .whereIn('customers.id', ids)
      .select<Array<{ id: number }>>('customers.id');
    return rows.map(r => Number(r.id));
  }

  // ---- releases -----------------------------------------------------------

  private releases(filter: ReleaseFilter) {
    const query = this.db('releases');
    if (filter.status) {
      query.where('status', filter.status);
    }
    if (filter.type) {
      query.where('type', filter.type);
    }
    if (filter.entityRef) {
      query.where('catalog_entity_ref', filter.entityRef);
    }
    if (filter.search) {
      const pattern = likePattern(filter.search);
      query.where(inner =>
        inner
          .whereRaw(`lower(name) like ? escape '!'`, [pattern])
          .orWhereRaw(`lower(coalesce(version_number, '')) like ? escape '!'`, [
            pattern,
          ]),
      );
    }
    return query;
  }

  async listReleases(filter: ReleaseFilter, page: PageQuery) {
    const [rows, [{ count }]] = await Promise.all([
      this.releases(filter)
        .select<ReleaseRow[]>('*')
        .orderBy([
          { column: 'created_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(page.limit)
        .offset(page.offset),
      this.releases(filter).count({ count: '*' }),
    ]);
    return { items: rows.map(toRelease), totalCount: Number(count) };
  }

  async getRelease(
    id: number,
    options?: { lock?: boolean },
  ): Promise<Release | undefined> {
    const query = this.db('releases').where({ id }).select<ReleaseRow[]>('*');
    if (options?.lock && this.isPostgres) {
      query.forUpdate();
    }
    const [row] = await query;
    return row ? toRelease(row) : undefined;
  }

  async createRelease(
    fields: Omit<ReleaseFields, 'status' | 'activatedNow' | 'archivedNow'>,
    createdBy: string,
  ): Promise<number> {
    const [row] = await this.db('releases')
      .insert({
        name: fields.name,
        type: fields.type,
        version_number: fields.versionNumber,
        release_date: fields.releaseDate,
        description: fields.description,
        catalog_entity_ref: fields.catalogEntityRef,
        metadata: metadataColumn(fields.metadata),
        created_by: createdBy,
      })
      .returning('id');
    return insertedId(row);
  }

  async updateRelease(
    id: number,
    version: number,
    fields: Partial<ReleaseFields>,
  ): Promise<boolean> {
    const count = await this.db('releases')
      .where({ id, version })
      .update({
        ...defined({
          name: fields.name,
          type: fields.type,
          status: fields.status,
          version_number: fields.versionNumber,
          release_date: fields.releaseDate,
          description: fields.description,
          catalog_entity_ref: fields.catalogEntityRef,
          metadata: metadataColumn(fields.metadata),
        }),
        ...(fields.activatedNow ? { activated_at: this.now() } : {}),
        ...(fields.archivedNow ? { archived_at: this.now() } : {}),
        version: version + 1,
        updated_at: this.now(),
      });
    return count === 1;
  }

  async deleteRelease(id: number, version: number): Promise<boolean> {
    // children first, so that it works without foreign-key cascades (SQLite)
    await this.db('step_events').where({ release_id: id }).delete();
    await this.db('customer_steps').where({ release_id: id }).delete();
    await this.db('step_templates').where({ release_id: id }).delete();
    await this.db('release_customers').where({ release_id: id }).delete();
    const count = await this.db('releases').where({ id, version }).delete();
    return count === 1;
  }

  async addReleaseCustomers(
    releaseId: number,
    customers: number[] | 'allActive',
    addedBy: string,
  ): Promise<number[]> {
    const existing = this.db('release_customers as rc')
      .select(this.db.raw('1'))
      .where('rc.release_id', releaseId)
      .whereRaw('rc.customer_id = customers.id');
    const source = this.eligibleCustomers()
      .whereNotExists(existing)
      .select(
        this.db.raw('cast(? as integer) as release_id', [releaseId]),
        'customers.id as customer_id',
        this.db.raw('? as added_by', [addedBy]),
      );
    if (customers !== 'allActive') {
      if (customers.length === 0) {
        return [];
      }
      source.whereIn('customers.id', customers);
    }
    const target = this.db.raw('?? (??, ??, ??)', [
      'release_customers',
      'release_id',
      'customer_id',
      'added_by',
    ]);
    if (this.isPostgres) {
      const rows = await this.db
        .into(target)
        .insert(source)
        .returning('customer_id');
      return (rows as Array<{ customer_id: number }>).map(r =>
        Number(r.customer_id),
      );
    }
    // SQLite cannot return columns of an INSERT … SELECT through Knex; it
    // serialises writes, so reading the selection first is exact
    const selected = await source.clone();
    await this.db.into(target).insert(source);
    return (selected as Array<{ customer_id: number }>).map(r =>
      Number(r.customer_id),
    );
  }

  async isReleaseCustomer(
    releaseId: number,
    customerId: number,
  ): Promise<boolean> {
    const [row] = await this.db('release_customers')
      .where({ release_id: releaseId, customer_id: customerId })
      .select('customer_id')
      .limit(1);
    return !!row;
  }

  async countReleaseCustomers(releaseId: number): Promise<number> {
    const [{ count }] = await this.db('release_customers')
      .where({ release_id: releaseId })
      .count({ count: '*' });
    return Number(count);
  }

  async listReleaseCustomers(releaseId: number): Promise<ReleaseCustomerRow[]> {
    const rows = await this.db('release_customers as rc')
      .join('customers', 'customers.id', 'rc.customer_id')
      .join('clusters', 'clusters.id', 'customers.cluster_id')
      .where('rc.release_id', releaseId)
      .orderBy([
        { column: 'clusters.name', order: 'asc' },
        { column: 'customers.name', order: 'asc' },
        { column: 'customers.id', order: 'asc' },
      ])
      .select<
        Array<{
          customer_id: number;
          customer_name: string;
          namespace: string;
          cluster_id: number;
          cluster_name: string;
        }>
      >(
        'customers.id as customer_id',
        'customers.name as customer_name',
        'customers.namespace',
        'clusters.id as cluster_id',
        'clusters.name as cluster_name',
      );
    return rows.map(r => ({
      customerId: Number(r.customer_id),
      customerName: r.customer_name,
      namespace: r.namespace,
      clusterId: Number(r.cluster_id),
      clusterName: r.cluster_name,
    }));
  }

  async copyTemplatesToCustomers(
    releaseId: number,
    options: { customerIds?: number[]; templateId?: number } = {},
  ): Promise<number> {
    if (options.customerIds && options.customerIds.length === 0) {
      return 0;
    }
    const source = this.db('release_customers as rc')
      .join('step_templates as t', 't.release_id', 'rc.release_id')
      .where('rc.release_id', releaseId)
      .select(
        'rc.release_id',
        'rc.customer_id',
        't.id',
        't.name',
        't.category',
        't.type',
        't.content',
        't.order_index',
      );
    if (options.customerIds) {
      source.whereIn('rc.customer_id', options.customerIds);
    }
    if (options.templateId !== undefined) {
      source.where('t.id', options.templateId);
    }
    const result: unknown = await this.db
      .into(
        this.db.raw(`?? (${STEP_COPY_COLUMNS.map(() => '??').join(', ')})`, [
          'customer_steps',
          ...STEP_COPY_COLUMNS,
        ]),
      )
      .insert(source);
    if (this.isPostgres) {
      return insertCount(result);
    }
    const [{ n }] = await this.db.select(this.db.raw('changes() as n'));
    return Number(n);
  }

  async analyzeSteps(): Promise<void> {
    if (!this.isPostgres) {
      return;
    }
    // A 3,000-row sample (statistics target 10 instead of 100) costs a tenth
    // and is plenty to plan the matrix and progress reads; autovacuum later
    // refines it with the server's default target. SET LOCAL lasts until
    // the end of the transaction, so it is put back right after. Only the
    // columns that filters, joins and group-bys use; not the wide text.
    await this.db.raw('set local default_statistics_target = 10');
    await this.db.raw('analyze ?? (??, ??, ??, ??, ??, ??, ??)', [
      'customer_steps',
      'release_id',
      'customer_id',
      'template_id',
      'category',
      'status',
      'is_custom',
      'is_overridden',
    ]);
    await this.db.raw('set local default_statistics_target to default');
  }

  // ---- templates ----------------------------------------------------------

  async listTemplates(releaseId: number): Promise<StepTemplate[]> {
    const rows = await this.db('step_templates')
      .where({ release_id: releaseId })
      .orderBy([
        { column: 'category', order: 'asc' },
        { column: 'order_index', order: 'asc' },
      ])
      .select<TemplateRow[]>('*');
    return rows.map(toTemplate);
  }

  async getTemplate(id: number): Promise<StepTemplate | undefined> {
    const [row] = await this.db('step_templates')
      .where({ id })
      .select<TemplateRow[]>('*');
    return row ? toTemplate(row) : undefined;
  }

  async createTemplate(
    releaseId: number,
    fields: TemplateFields,
    options?: { orderIndex?: number },
  ): Promise<number> {
    const scope = { release_id: releaseId, category: fields.category };
    const [{ max }] = await this.db('step_templates')
      .where(scope)
      .max({ max: 'order_index' });
    const end = max === null || max === undefined ? 0 : Number(max) + 1;
    const at = options?.orderIndex;
    const orderIndex = at === undefined || at >= end ? end : Math.max(at, 0);
    if (orderIndex < end) {
      // two steps around the unique (release, category, order): x → -2-x → x+1
      await this.db('step_templates')
        .where(scope)
        .where('order_index', '>=', orderIndex)
        .update({ order_index: this.db.raw('-2 - order_index') });
      await this.db('step_templates')
        .where(scope)
        .where('order_index', '<', 0)
        .update({
          order_index: this.db.raw('-1 - order_index'),
          version: this.db.raw('version + 1'),
          updated_at: this.now(),
        });
    }
    const [row] = await this.db('step_templates')
      .insert({
        release_id: releaseId,
        name: fields.name,
        category: fields.category,
        type: fields.type,
        content: fields.content,
        description: fields.description,
        order_index: orderIndex,
      })
      .returning('id');
    return insertedId(row);
  }

  async updateTemplate(
    id: number,
    version: number,
    fields: Partial<TemplateFields>,
  ): Promise<boolean> {
    const count = await this.db('step_templates')
      .where({ id, version })
      .update({
        ...defined({
          name: fields.name,
          type: fields.type,
          content: fields.content,
          description: fields.description,
        }),
        version: version + 1,
        updated_at: this.now(),
      });
    return count === 1;
  }

  async deleteTemplate(id: number, version: number): Promise<boolean> {
    // detach the steps that stay (done, skipped, reverted); SQLite may run
    // without foreign-key actions
    await this.db('customer_steps')
      .where({ template_id: id })
      .update({ template_id: null });
    const count = await this.db('step_templates')
      .where({ id, version })
      .delete();
    return count === 1;
  }

  async reorderTemplates(
    releaseId: number,
    category: StepCategory,
    templateIds: number[],
  ): Promise<void> {
    if (templateIds.length === 0) {
      return;
    }
    const scope = { release_id: releaseId, category };
    // step 1: move out of the way of the unique (release, category, order)
    await this.db('step_templates')
      .where(scope)
      .update({ order_index: this.db.raw('-1 - order_index') });
    // step 2: one statement, CASE id WHEN ? THEN ? ...
    const cases = templateIds
      .map(() => 'when ? then cast(? as integer)')
      .join(' ');
    const bindings = templateIds.flatMap((id, index) => [id, index]);
    await this.db('step_templates')
      .where(scope)
      .whereIn('id', templateIds)
      .update({
        order_index: this.db.raw(`case id ${cases} end`, bindings),
        version: this.db.raw('version + 1'),
        updated_at: this.now(),
      });
  }

  async propagateTemplate(
    templateId: number,
    actor: string,
  ): Promise<number[]> {
    const template = await this.getTemplate(templateId);
    if (!template) {
      return [];
    }
    const targets = () =>
      this.db('customer_steps')
        .where({ template_id: templateId, status: 'pending' })
        .where('is_overridden', false);
    const changed = targets().where(inner =>
      inner
        .whereNot('content', template.content)
        .orWhereNot('name', template.name)
        .orWhereNot('type', template.type),
    );
    // history first (content before → after), set-based
    await this.db
      .into(
        this.db.raw('?? (??, ??, ??, ??, ??, ??, ??)', [
          'step_events',
          'step_id',
          'release_id',
          'customer_id',
          'kind',
          'actor',
          'content_before',
          'content_after',
        ]),
      )
      .insert(
        changed
          .clone()
          .select(
            'id',
            'release_id',
            'customer_id',
            this.db.raw(`'template'`),
            this.db.raw('?', [actor]),
            'content',
            this.db.raw('?', [template.content]),
          ),
      );
    const rows = await changed
      .clone()
      .select<Array<{ id: number }>>('id')
      .orderBy('id');
    const ids = rows.map(r => Number(r.id));
    if (ids.length > 0) {
      await targets()
        .whereIn('id', ids)
        .update({
          name: template.name,
          type: template.type,
          content: template.content,
          version: this.db.raw('version + 1'),
          updated_at: this.now(),
        });
    }
    return ids;
  }

  async propagateOrder(
    releaseId: number,
    category: StepCategory,
  ): Promise<number> {
    return this.db('customer_steps')
      .where({ release_id: releaseId, category, status: 'pending' })
      .whereNotNull('template_id')
      .update({
        order_index: this.db.raw(
          '(select t.order_index from step_templates t where t.id = customer_steps.template_id)',
        ),
        version: this.db.raw('version + 1'),
        updated_at: this.now(),
      });
  }

  async deletePendingStepsOfTemplate(templateId: number): Promise<number[]> {
    const rows = await this.db('customer_steps')
      .where({ template_id: templateId, status: 'pending' })
      .select<Array<{ id: number }>>('id');
    const ids = rows.map(r => Number(r.id));
    if (ids.length > 0) {
      await this.db('step_events')
        .whereIn('step_id', ids)
        .update({ step_id: null });
      await this.db('customer_steps').whereIn('id', ids).delete();
    }
    return ids;
  }

  // ---- steps --------------------------------------------------------------

  async getStep(id: number): Promise<CustomerStep | undefined> {
    const [row] = await this.db('customer_steps')
      .where({ id })
      .select<StepRow[]>('*');
    return row ? toStep(row) : undefined;
  }

  async getSteps(
    ids: number[],
    options?: { lock?: boolean },
  ): Promise<CustomerStep[]> {
    if (ids.length === 0) {
      return [];
    }
    const query = this.db('customer_steps')
      .whereIn('id', ids)
      .orderBy('id')
      .select<StepRow[]>('*');
    if (options?.lock && this.isPostgres) {
      query.forUpdate();
    }
    return (await query).map(toStep);
  }

  async listCustomerSteps(
    releaseId: number,
    customerId: number,
  ): Promise<CustomerStep[]> {
    const rows = await this.db('customer_steps')
      .where({ release_id: releaseId, customer_id: customerId })
      .orderBy([
        { column: 'category', order: 'asc' },
        { column: 'order_index', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])
      .select<StepRow[]>('*');
    return rows.map(toStep);
  }

  private stepColumns(patch: StepPatch) {
    return {
      ...defined({
        name: patch.name,
        type: patch.type,
        content: patch.content,
        status: patch.status,
        skip_reason: patch.skipReason,
        notes: patch.notes,
        is_overridden: patch.isOverridden,
      }),
      ...(patch.executedBy
        ? { executed_by: patch.executedBy, executed_at: this.now() }
        : {}),
      ...(patch.clearExecution ? { executed_by: null, executed_at: null } : {}),
      updated_at: this.now(),
    };
  }

  async updateStep(
    id: number,
    version: number,
    patch: StepPatch,
  ): Promise<boolean> {
    const count = await this.db('customer_steps')
      .where({ id, version })
      .update({ ...this.stepColumns(patch), version: version + 1 });
    return count === 1;
  }

  async updateSteps(ids: number[], patch: StepPatch): Promise<number> {
    if (ids.length === 0) {
      return 0;
    }
    return this.db('customer_steps')
      .whereIn('id', ids)
      .update({
        ...this.stepColumns(patch),
        version: this.db.raw('version + 1'),
      });
  }

  async createCustomStep(
    releaseId: number,
    customerId: number,
    fields: Omit<TemplateFields, 'description'>,
    options?: { orderIndex?: number },
  ): Promise<number> {
    const orderIndex =
      options?.orderIndex ??
      (await this.endOfSteps(releaseId, customerId, fields.category));
    const [row] = await this.db('customer_steps')
      .insert({
        release_id: releaseId,
        customer_id: customerId,
        template_id: null,
        name: fields.name,
        category: fields.category,
        type: fields.type,
        content: fields.content,
        order_index: orderIndex,
        is_custom: true,
      })
      .returning('id');
    return insertedId(row);
  }

  /** Each customer's order of its step of `templateId` (correlated). */
  private anchorOrder(releaseId: number, templateId: number) {
    return this.db('customer_steps as a')
      .select('a.order_index')
      .where('a.release_id', releaseId)
      .where('a.template_id', templateId)
      .whereRaw('?? = ??', ['a.customer_id', 'customer_steps.customer_id'])
      .limit(1);
  }

  async shiftStepsFrom(
    releaseId: number,
    category: StepCategory,
    anchorTemplateId: number,
  ): Promise<number[]> {
    const scope = () =>
      this.db('customer_steps')
        .where({ release_id: releaseId, category })
        .where(
          'order_index',
          '>=',
          this.anchorOrder(releaseId, anchorTemplateId),
        );
    const rows = await scope()
      .select<Array<{ id: number }>>('id')
      .orderBy('id');
    const ids = rows.map(r => Number(r.id));
    if (ids.length > 0) {
      await this.db('customer_steps')
        .whereIn('id', ids)
        .update({
          order_index: this.db.raw('order_index + 1'),
          version: this.db.raw('version + 1'),
          updated_at: this.now(),
        });
    }
    return ids;
  }

  async placeTemplateSteps(
    templateId: number,
    anchorTemplateId: number,
  ): Promise<number> {
    const [template] = await this.db('step_templates')
      .where({ id: templateId })
      .select<Array<{ release_id: number }>>('release_id');
    if (!template) {
      return 0;
    }
    const releaseId = Number(template.release_id);
    const anchor = this.anchorOrder(releaseId, anchorTemplateId);
    return this.db('customer_steps')
      .where({ template_id: templateId })
      .whereExists(anchor.clone())
      .update({
        order_index: this.db.raw('(?) - 1', [anchor.clone()]),
      });
  }

  async setStepOrder(stepIds: number[], startAt = 0): Promise<number[]> {
    if (stepIds.length === 0) {
      return [];
    }
    const rows = await this.db('customer_steps')
      .whereIn('id', stepIds)
      .select<Array<{ id: number; order_index: number }>>('id', 'order_index');
    const current = new Map(
      rows.map(r => [Number(r.id), Number(r.order_index)]),
    );
    const moved = stepIds
      .map((id, i) => ({ id, index: startAt + i }))
      .filter(({ id, index }) => current.has(id) && current.get(id) !== index);
    if (moved.length === 0) {
      return [];
    }
    const cases = moved.map(() => 'when ? then cast(? as integer)').join(' ');
    const bindings = moved.flatMap(({ id, index }) => [id, index]);
    await this.db('customer_steps')
      .whereIn(
        'id',
        moved.map(m => m.id),
      )
      .update({
        order_index: this.db.raw(`case id ${cases} end`, bindings),
        version: this.db.raw('version + 1'),
        updated_at: this.now(),
      });
    return moved.map(m => m.id);
  }

  private async endOfSteps(
    releaseId: number,
    customerId: number,
    category: StepCategory,
  ): Promise<number> {
    const [{ max }] = await this.db('customer_steps')
      .where({ release_id: releaseId, customer_id: customerId, category })
      .max({ max: 'order_index' });
    return max === null || max === undefined ? 0 : Number(max) + 1;
  }

  async findTemplateStep(
    customerId: number,
    templateId: number,
  ): Promise<CustomerStep | undefined> {
    const [row] = await this.db('customer_steps')
      .where({ customer_id: customerId, template_id: templateId })
      .select<StepRow[]>('*');
    return row ? toStep(row) : undefined;
  }

  async deleteStep(id: number, version: number): Promise<boolean> {
    await this.db('step_events')
      .where({ step_id: id })
      .update({ step_id: null });
    const count = await this.db('customer_steps')
      .where({ id, version })
      .delete();
    return count === 1;
  }

  async addEvents(events: NewStepEvent[]): Promise<void> {
    if (events.length === 0) {
      return;
    }
    const rows = events.map(e => ({
      step_id: e.stepId,
      release_id: e.releaseId,
      customer_id: e.customerId,
      kind: e.kind,
      actor: e.actor,
      from_status: e.fromStatus ?? null,
      to_status: e.toStatus ?? null,
      note: e.note ?? null,
      content_before: e.contentBefore ?? null,
      content_after: e.contentAfter ?? null,
    }));
    for (let i = 0; i < rows.length; i += 500) {
      await this.db('step_events').insert(rows.slice(i, i + 500));
    }
  }

  async listStepEvents(stepId: number): Promise<StepEvent[]> {
    const rows = await this.db('step_events')
      .where({ step_id: stepId })
      .orderBy('id', 'asc')
      .select<EventRow[]>('*');
    return rows.map(toEvent);
  }

  async listReleaseEvents(
    releaseId: number,
    filter: { customerId?: number },
    page: PageQuery,
  ) {
    const base = () => {
      const q = this.db('step_events').where({ release_id: releaseId });
      if (filter.customerId !== undefined) {
        q.where({ customer_id: filter.customerId });
      }
      return q;
    };
    const [rows, [{ count }]] = await Promise.all([
      base()
        .orderBy('id', 'desc')
        .limit(page.limit)
        .offset(page.offset)
        .select<EventRow[]>('*'),
      base().count({ count: '*' }),
    ]);
    return { items: rows.map(toEvent), totalCount: Number(count) };
  }

  // ---- reads --------------------------------------------------------------

  async statusCounts(
    releaseId: number,
    filter: { clusterId?: number; customerIds?: number[] } = {},
  ): Promise<StatusCountRow[]> {
    const query = this.db('customer_steps as s')
      .where('s.release_id', releaseId)
      .groupBy('s.customer_id', 's.status')
      .select<Array<{ customer_id: number; status: StepStatus; count: Count }>>(
        's.customer_id',
        's.status',
        this.db.raw('count(*) as count'),
      );
    if (filter.clusterId !== undefined) {
      query
        .join('customers as c', 'c.id', 's.customer_id')
        .where('c.cluster_id', filter.clusterId);
    }
    if (filter.customerIds) {
      query.whereIn('s.customer_id', filter.customerIds);
    }
    const rows = await query;
    return rows.map(r => ({
      customerId: Number(r.customer_id),
      status: r.status,
      count: Number(r.count),
    }));
  }

  async pageReleaseCustomers(
    releaseId: number,
    clusterId: number,
    page: PageQuery,
  ) {
    const base = () =>
      this.db('release_customers as rc')
        .join('customers as c', 'c.id', 'rc.customer_id')
        .where('rc.release_id', releaseId)
        .where('c.cluster_id', clusterId);
    const [rows, [{ count }]] = await Promise.all([
      base()
        .orderBy([
          { column: 'c.name', order: 'asc' },
          { column: 'c.id', order: 'asc' },
        ])
        .limit(page.limit)
        .offset(page.offset)
        .select<Array<{ id: number; name: string; namespace: string }>>(
          'c.id',
          'c.name',
          'c.namespace',
        ),
      base().count({ count: '*' }),
    ]);
    return {
      items: rows.map(r => ({
        id: Number(r.id),
        name: r.name,
        namespace: r.namespace,
      })),
      totalCount: Number(count),
    };
  }

  async matrixSteps(
    releaseId: number,
    customerIds: number[],
  ): Promise<MatrixStepRow[]> {
    if (customerIds.length === 0) {
      return [];
    }
    // the cells only; names and order of template steps come from the
    // templates, so only steps without a template carry them
    const rows = await this.db('customer_steps')
      .where({ release_id: releaseId })
      .whereIn('customer_id', customerIds)
      .select<
        Array<{
          id: number;
          customer_id: number;
          template_id: number | null;
          name: string | null;
          category: StepCategory | null;
          type: StepType | null;
          order_index: number | null;
          status: StepStatus;
          version: number;
          is_overridden: Bool;
          is_custom: Bool;
        }>
      >(
        'id',
        'customer_id',
        'template_id',
        this.db.raw('case when template_id is null then name end as name'),
        this.db.raw(
          'case when template_id is null then category end as category',
        ),
        this.db.raw('case when template_id is null then type end as type'),
        this.db.raw(
          'case when template_id is null then order_index end as order_index',
        ),
        'status',
        'version',
        'is_overridden',
        'is_custom',
      );
    return rows.map(r => ({
      id: Number(r.id),
      customerId: Number(r.customer_id),
      templateId: r.template_id === null ? null : Number(r.template_id),
      name: r.name ?? '',
      category: r.category ?? 'deploy',
      type: r.type ?? 'text',
      orderIndex: Number(r.order_index ?? 0),
      status: r.status,
      version: Number(r.version),
      isOverridden: Boolean(r.is_overridden),
      isCustom: Boolean(r.is_custom),
    }));
  }

  async exportSteps(releaseId: number): Promise<ExportedStep[]> {
    const rows = await this.db('customer_steps as s')
      .join('customers as c', 'c.id', 's.customer_id')
      .join('clusters as k', 'k.id', 'c.cluster_id')
      .where('s.release_id', releaseId)
      .orderBy([
        { column: 'k.name', order: 'asc' },
        { column: 'c.name', order: 'asc' },
        { column: 'c.id', order: 'asc' },
        { column: 's.category', order: 'asc' },
        { column: 's.order_index', order: 'asc' },
        { column: 's.id', order: 'asc' },
      ])
      .select<
        Array<
          StepRow & {
            customer_name: string;
            namespace: string;
            cluster_name: string;
          }
        >
      >(
        's.*',
        'c.name as customer_name',
        'c.namespace',
        'k.name as cluster_name',
      );
    return rows.map(r => ({
      ...toStep(r),
      customerName: r.customer_name,
      namespace: r.namespace,
      clusterName: r.cluster_name,
    }));
  }
}

/** PostgreSQL answers an INSERT with `{ rowCount }`; SQLite with the ids. */
function insertCount(result: unknown): number {
  if (typeof result === 'object' && result !== null && 'rowCount' in result) {
    return Number((result as { rowCount: number }).rowCount);
  }
  if (Array.isArray(result)) {
    return result.length;
  }
  return 0;
}
