import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '@opshub/opshub-node/testUtils';
import fs from 'fs';
import path from 'path';
import { sampleReleaseData, seedReleaseData } from '../testing/seed';
import { DatabaseReleaseStore } from './DatabaseReleaseStore';

jest.setTimeout(60_000);

const { ids, init } = createTestDatabases();

const migrationsDir = path.resolve(__dirname, '../../migrations');
const migrationsTable =
  'knex_migrations__opshub_plugin_release_orchestration_backend';
const demoSql = path.resolve(
  __dirname,
  '../../../../examples/demo/release-orchestration.sql',
);

describe.each(ids)('DatabaseReleaseStore on %s', databaseId => {
  async function setup(options: { seed?: boolean } = {}) {
    const knex = await init(databaseId);
    const store = await DatabaseReleaseStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const clusterIds =
      options.seed === false
        ? new Map<string, number>()
        : await seedReleaseData(knex, sampleReleaseData);
    return { knex, store, clusterIds };
  }

  it('lists live clusters by name with customer counts', async () => {
    const { store } = await setup();
    const clusters = await store.listClusters();
    expect(clusters.map(c => c.name)).toEqual([
      'empty-1',
      'eu-west-1',
      'us-east-1',
    ]);
    const byName = Object.fromEntries(clusters.map(c => [c.name, c]));
    // Oldco is deleted; Initech is inactive
    expect(byName['eu-west-1']).toMatchObject({
      displayName: 'EU West 1',
      region: 'eu-west-1',
      catalogEntityRef: 'resource:default/cluster-eu-west',
      customerCount: 3,
      activeCustomerCount: 2,
    });
    expect(byName['us-east-1']).toMatchObject({
      customerCount: 2,
      activeCustomerCount: 2,
    });
    expect(byName['empty-1']).toMatchObject({
      description: null,
      region: null,
      catalogEntityRef: null,
      customerCount: 0,
      activeCustomerCount: 0,
    });
    // defaulted by the database clock, returned as ISO timestamps
    expect(byName['empty-1'].createdAt).toMatch(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
    );
    expect(
      Math.abs(Date.parse(byName['empty-1'].createdAt) - Date.now()),
    ).toBeLessThan(10 * 60_000);
  });

  it('finds a live cluster by name, never a deleted one', async () => {
    const { store } = await setup();
    expect(await store.getCluster('us-east-1')).toMatchObject({
      name: 'us-east-1',
      customerCount: 2,
    });
    expect(await store.getCluster('ap-south-1')).toBeUndefined();
    expect(await store.getCluster('nope')).toBeUndefined();
  });

  it('pages the live customers of one cluster', async () => {
    const { store, clusterIds } = await setup();
    const clusterId = clusterIds.get('eu-west-1')!;
    const all = await store.listCustomers(
      { clusterId },
      { limit: 50, offset: 0 },
    );
    expect(all.totalCount).toBe(3);
    expect(all.items.map(c => c.name)).toEqual(['Acme', 'Globex', 'Initech']);
    expect(all.items[2]).toEqual({
      id: expect.any(Number),
      clusterId,
      clusterName: 'eu-west-1',
      name: 'Initech',
      namespace: 'tenant-initech',
      catalogEntityRef: null,
      isActive: false,
      notes: 'Paused until the contract renewal',
      metadata: {},
      version: 1,
      createdAt: '2026-11-02T10:00:00.000Z',
      updatedAt: '2026-11-02T10:00:00.000Z',
    });

    const page = await store.listCustomers(
      { clusterId },
      { limit: 1, offset: 1 },
    );
    expect(page.totalCount).toBe(3);
    expect(page.items.map(c => c.name)).toEqual(['Globex']);
  });

  it('searches names and namespaces, case-insensitively', async () => {
    const { store } = await setup();
    const search = async (text: string) =>
      (
        await store.listCustomers({ search: text }, { limit: 50, offset: 0 })
      ).items.map(c => c.name);
    expect(await search('GLOBEX')).toEqual(['Globex']);
    expect(await search('tenant-h')).toEqual(['Hooli']);
    expect(await search('tenant')).toEqual([
      'Acme',
      'Globex',
      'Hooli',
      'Initech',
      'Percent',
    ]);
    // deleted customers and customers of deleted clusters are never found
    expect(await search('oldco')).toEqual([]);
    expect(await search('ghost')).toEqual([]);
  });

  it('treats LIKE wildcards and SQL in the search as plain text', async () => {
    const { knex, store } = await setup();
    const hostile = `%'; drop table customers; --`;
    const result = await store.listCustomers(
      { search: hostile },
      { limit: 50, offset: 0 },
    );
    expect(result).toEqual({ items: [], totalCount: 0 });
    expect(await knex.schema.hasTable('customers')).toBe(true);
    expect(
      (await store.listCustomers({}, { limit: 50, offset: 0 })).totalCount,
    ).toBe(5);

    const names = async (text: string) =>
      (
        await store.listCustomers({ search: text }, { limit: 50, offset: 0 })
      ).items.map(c => c.name);
    expect(await names('%')).toEqual([]);
    expect(await names('_')).toEqual(['Percent']);
    expect(await names('100_p')).toEqual(['Percent']);
    expect(await names('100xp')).toEqual([]);
    expect(await names('!')).toEqual([]);
  });

  it('keeps namespaces unique per cluster among live customers', async () => {
    const { knex, clusterIds } = await setup();
    const clusterId = clusterIds.get('eu-west-1')!;
    await expect(
      knex('customers').insert({
        cluster_id: clusterId,
        name: 'Acme again',
        namespace: 'tenant-acme',
      }),
    ).rejects.toHaveProperty(
      'message',
      expect.stringMatching(/unique|duplicate/i),
    );
    // tenant-oldco was soft-deleted, so its namespace can be used again
    await knex('customers').insert({
      cluster_id: clusterId,
      name: 'Newco',
      namespace: 'tenant-oldco',
    });
    await expect(
      knex('clusters').insert({ name: 'eu-west-1', display_name: 'dup' }),
    ).rejects.toHaveProperty(
      'message',
      expect.stringMatching(/unique|duplicate/i),
    );
    await knex('clusters').insert({
      name: 'ap-south-1',
      display_name: 'AP South 1 (rebuilt)',
    });
  });

  it('migrates down cleanly', async () => {
    const { knex } = await setup({ seed: false });
    await knex.migrate.rollback(
      { directory: migrationsDir, tableName: migrationsTable },
      true,
    );
    expect(await knex.schema.hasTable('customers')).toBe(false);
    expect(await knex.schema.hasTable('clusters')).toBe(false);
    // and up again
    await knex.migrate.latest({
      directory: migrationsDir,
      tableName: migrationsTable,
    });
    expect(await knex.schema.hasTable('customers')).toBe(true);
  });

  if (databaseId.startsWith('POSTGRES')) {
    it('loads the demo data of examples/demo, twice without change', async () => {
      const { knex, store } = await setup({ seed: false });
      const sql = fs.readFileSync(demoSql, 'utf8');
      await knex.transaction(trx => trx.raw(sql));
      await knex.transaction(trx => trx.raw(sql));

      const clusters = await store.listClusters();
      expect(
        clusters.map(c => ({
          name: c.name,
          catalogEntityRef: c.catalogEntityRef,
          customerCount: c.customerCount,
          activeCustomerCount: c.activeCustomerCount,
        })),
      ).toEqual([
        {
          name: 'eu-west-1',
          catalogEntityRef: 'resource:default/cluster-eu-west',
          customerCount: 7,
          activeCustomerCount: 6,
        },
        {
          name: 'us-east-1',
          catalogEntityRef: 'resource:default/cluster-us-east',
          customerCount: 5,
          activeCustomerCount: 4,
        },
      ]);
      const acme = await store.listCustomers(
        { search: 'tenant-acme' },
        { limit: 50, offset: 0 },
      );
      expect(acme.items).toEqual([
        expect.objectContaining({
          name: 'Acme Corporation',
          clusterName: 'eu-west-1',
          isActive: true,
        }),
      ]);
    });
  }
});
