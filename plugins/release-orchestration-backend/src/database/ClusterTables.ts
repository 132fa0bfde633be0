import { PageQuery } from '@opshub/opshub-common';
import { Cluster, Customer } from '@opshub/plugin-release-orchestration-common';
import { Knex } from 'knex';
import {
  CatalogRefRow,
  ClusterFields,
  ClusterStore,
  CustomerFields,
  CustomerFilter,
} from './ReleaseStore';
import {
  ClusterRow,
  CustomerRow,
  defined,
  insertedId,
  likePattern,
  metadataColumn,
  toCluster,
  toCustomer,
} from './rows';
import { StoreContext } from './StoreContext';

/** Live, active customers of live clusters. @internal */
export function eligibleCustomers(db: Knex) {
  return db('customers')
    .join('clusters', 'clusters.id', 'customers.cluster_id')
    .whereNull('customers.deleted_at')
    .whereNull('clusters.deleted_at')
    .where('customers.is_active', true);
}

/**
 * Clusters and customers: reads, writes, soft delete.
 *
 * @internal
 */
export class ClusterTables extends StoreContext implements ClusterStore {
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

  async getClusterName(id: number): Promise<string | undefined> {
    const row = await this.db('clusters')
      .where({ id })
      .whereNull('deleted_at')
      .first<{ name: string } | undefined>('name');
    return row?.name;
  }

  async clusterCatalogRefs(names: string[]): Promise<CatalogRefRow<string>[]> {
    if (names.length === 0) return [];
    const rows = await this.db('clusters')
      .whereIn('name', names)
      .whereNull('deleted_at')
      .select<Array<{ name: string; catalog_entity_ref: string | null }>>(
        'name',
        'catalog_entity_ref',
      );
    return rows.map(row => ({
      key: row.name,
      catalogEntityRef: row.catalog_entity_ref,
    }));
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

  async eligibleCustomerIds(ids: number[]): Promise<number[]> {
    if (ids.length === 0) {
      return [];
    }
    const rows = await eligibleCustomers(this.db)
      .whereIn('customers.id', ids)
      .select<Array<{ id: number }>>('customers.id');
    return rows.map(r => Number(r.id));
  }
}
