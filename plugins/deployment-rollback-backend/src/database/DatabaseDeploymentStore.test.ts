import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '@opshub/opshub-node/testUtils';
import { sampleDeployments, seedDeployments } from '../testing/seed';
import { DatabaseDeploymentStore } from './DatabaseDeploymentStore';

jest.setTimeout(60_000);

const { ids, init } = createTestDatabases();

describe.each(ids)('DatabaseDeploymentStore on %s', databaseId => {
  async function setup() {
    const knex = await init(databaseId);
    const store = await DatabaseDeploymentStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    await seedDeployments(knex, sampleDeployments);
    return { knex, store };
  }

  it('lists deployments newest first, filtered and paged', async () => {
    const { store } = await setup();
    const all = await store.listDeployments({}, { limit: 50, offset: 0 });
    expect(all.totalCount).toBe(5);
    expect(all.items.map(d => d.version)).toEqual([
      '1.2.0',
      '1.0.0',
      '1.1.0',
      '1.0.0',
      '3.4.0',
    ]);

    const page = await store.listDeployments(
      { service: 'payments-api', environment: 'dev' },
      { limit: 2, offset: 1 },
    );
    expect(page.totalCount).toBe(3);
    expect(page.items.map(d => d.version)).toEqual(['1.1.0', '1.0.0']);
    expect(page.items[0]).toMatchObject({
      service: 'payments-api',
      environment: 'dev',
      status: 'succeeded',
      source: 'webhook',
      rollbackOf: null,
      startedAt: '2026-11-02T10:00:00.000Z',
    });
  });

  it('reports the last good version per environment with the latest status', async () => {
    const { store } = await setup();
    const current = await store.currentVersions({ service: 'payments-api' });
    const byEnv = Object.fromEntries(current.map(c => [c.environment, c]));
    expect(Object.keys(byEnv).sort()).toEqual(['dev', 'prod']);
    expect(byEnv.dev).toMatchObject({
      version: '1.1.0',
      latestStatus: 'failed',
    });
    expect(byEnv.prod).toMatchObject({
      version: '1.0.0',
      latestStatus: 'succeeded',
    });
  });

  it('migrates down cleanly', async () => {
    const { knex } = await setup();
    await knex.migrate.rollback(
      {
        directory: `${__dirname}/../../migrations`,
        tableName: 'knex_migrations__opshub_plugin_deployment_rollback_backend',
      },
      true,
    );
    expect(await knex.schema.hasTable('deployments')).toBe(false);
    expect(await knex.schema.hasTable('deployment_audit')).toBe(false);
  });
});
