import { PageQuery } from '@opshub/opshub-common';
import { Release } from '@opshub/plugin-release-orchestration-common';
import {
  CatalogRefRow,
  ReleaseCustomerRow,
  ReleaseFields,
  ReleaseFilter,
  ReleaseRecordStore,
} from './ReleaseStore';
import {
  defined,
  insertedId,
  likePattern,
  metadataColumn,
  ReleaseRow,
  toRelease,
} from './rows';
import { eligibleCustomers } from './ClusterTables';
import { StoreContext } from './StoreContext';

/**
 * Releases and the customers taking part in them.
 *
 * @internal
 */
export class ReleaseTables extends StoreContext implements ReleaseRecordStore {
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

  async releaseCatalogRefs(ids: number[]): Promise<CatalogRefRow<number>[]> {
    if (ids.length === 0) return [];
    const rows = await this.db('releases')
      .whereIn('id', ids)
      .select<Array<{ id: number; catalog_entity_ref: string | null }>>(
        'id',
        'catalog_entity_ref',
      );
    return rows.map(row => ({
      key: Number(row.id),
      catalogEntityRef: row.catalog_entity_ref,
    }));
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
    const source = eligibleCustomers(this.db)
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
}
