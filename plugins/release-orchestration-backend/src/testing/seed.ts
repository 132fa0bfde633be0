import { Knex } from 'knex';

/** A cluster row for tests; timestamps default to the database clock. */
export interface SeedCluster {
  name: string;
  displayName?: string;
  region?: string | null;
  catalogEntityRef?: string | null;
  deleted?: boolean;
}

/** A customer row for tests, on the cluster named `cluster`. */
export interface SeedCustomer {
  cluster: string;
  name: string;
  namespace: string;
  isActive?: boolean;
  notes?: string | null;
  deleted?: boolean;
}

function insertedId(row: unknown): number {
  return Number(
    typeof row === 'object' && row !== null ? (row as { id: number }).id : row,
  );
}

/**
 * Inserts clusters, then customers; returns the cluster ids by name.
 * Customers attach to the first cluster inserted with their cluster's name.
 */
export async function seedReleaseData(
  knex: Knex,
  data: { clusters: SeedCluster[]; customers: SeedCustomer[] },
): Promise<Map<string, number>> {
  const clusterIds = new Map<string, number>();
  for (const cluster of data.clusters) {
    const [row] = await knex('clusters')
      .insert({
        name: cluster.name,
        display_name: cluster.displayName ?? cluster.name,
        region: cluster.region ?? null,
        catalog_entity_ref: cluster.catalogEntityRef ?? null,
        deleted_at: cluster.deleted ? new Date('2026-11-01T00:00:00Z') : null,
      })
      .returning('id');
    if (!clusterIds.has(cluster.name)) {
      clusterIds.set(cluster.name, insertedId(row));
    }
  }
  for (const customer of data.customers) {
    const clusterId = clusterIds.get(customer.cluster);
    if (clusterId === undefined) {
      throw new Error(`seed: unknown cluster ${customer.cluster}`);
    }
    await knex('customers').insert({
      cluster_id: clusterId,
      name: customer.name,
      namespace: customer.namespace,
      is_active: customer.isActive ?? true,
      notes: customer.notes ?? null,
      created_at: new Date('2026-11-02T10:00:00Z'),
      updated_at: new Date('2026-11-02T10:00:00Z'),
      deleted_at: customer.deleted ? new Date('2026-11-03T00:00:00Z') : null,
    });
  }
  return clusterIds;
}

/** Two live clusters, one deleted cluster, and customers on each. */
export const sampleReleaseData: {
  clusters: SeedCluster[];
  customers: SeedCustomer[];
} = {
  clusters: [
    {
      name: 'us-east-1',
      displayName: 'US East 1',
      region: 'us-east-1',
      catalogEntityRef: 'resource:default/cluster-us-east',
    },
    {
      name: 'eu-west-1',
      displayName: 'EU West 1',
      region: 'eu-west-1',
      catalogEntityRef: 'resource:default/cluster-eu-west',
    },
    { name: 'ap-south-1', displayName: 'AP South 1', deleted: true },
    { name: 'empty-1', displayName: 'Empty' },
  ],
  customers: [
    { cluster: 'eu-west-1', name: 'Acme', namespace: 'tenant-acme' },
    { cluster: 'eu-west-1', name: 'Globex', namespace: 'tenant-globex' },
    {
      cluster: 'eu-west-1',
      name: 'Initech',
      namespace: 'tenant-initech',
      isActive: false,
      notes: 'Paused until the contract renewal',
    },
    {
      cluster: 'eu-west-1',
      name: 'Oldco',
      namespace: 'tenant-oldco',
      deleted: true,
    },
    { cluster: 'us-east-1', name: 'Hooli', namespace: 'tenant-hooli' },
    {
      cluster: 'us-east-1',
      name: 'Percent',
      namespace: 'tenant-100_percent',
    },
    { cluster: 'ap-south-1', name: 'Ghost', namespace: 'tenant-ghost' },
  ],
};
