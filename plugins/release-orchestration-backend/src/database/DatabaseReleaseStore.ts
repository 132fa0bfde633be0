import { DatabaseService } from '@backstage/backend-plugin-api';
import { migrateAndConnect, PageQuery } from '@opshub/opshub-node';
import { Cluster, Customer } from '@opshub/plugin-release-orchestration-common';
import { Knex } from 'knex';
import { CustomerFilter, ReleaseStore } from './ReleaseStore';

type Timestamp = Date | string | number;

type ClusterRow = {
  id: number;
  name: string;
  display_name: string;
  description: string | null;
  region: string | null;
  catalog_entity_ref: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Timestamp | null;
  // computed; PostgreSQL returns bigint aggregates as strings
  customer_count: number | string;
  active_customer_count: number | string;
};

type CustomerRow = {
  id: number;
  cluster_id: number;
  cluster_name: string;
  name: string;
  namespace: string;
  catalog_entity_ref: string | null;
  // SQLite stores booleans as 0/1
  is_active: boolean | number;
  notes: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Timestamp | null;
};

/**
 * PostgreSQL returns Date objects; SQLite returns epoch milliseconds for
 * values written by Knex and `YYYY-MM-DD HH:MM:SS` (UTC) for column defaults.
 */
function toIso(value: Timestamp): string {
  if (
    typeof value === 'string' &&
    /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/.test(value)
  ) {
    return new Date(`${value.replace(' ', 'T')}Z`).toISOString();
  }
  return new Date(value).toISOString();
}

function toCluster(row: ClusterRow): Cluster {
  return {
    id: Number(row.id),
    name: row.name,
    displayName: row.display_name,
    description: row.description,
    region: row.region,
    catalogEntityRef: row.catalog_entity_ref,
    customerCount: Number(row.customer_count),
    activeCustomerCount: Number(row.active_customer_count),
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
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

/** `%`, `_` and the escape character itself match literally. */
function likePattern(search: string): string {
  return `%${search.toLowerCase().replace(/[!%_]/g, c => `!${c}`)}%`;
}

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

  private constructor(private readonly db: Knex) {}

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
}
