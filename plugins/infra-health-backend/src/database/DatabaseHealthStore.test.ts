import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '@opshub/opshub-node/testUtils';
import { checkDefinition, seedSamples } from '../testing/fixtures';
import { DatabaseHealthStore } from './DatabaseHealthStore';

jest.setTimeout(60_000);

const { ids, init } = createTestDatabases();

const T0 = new Date('2026-11-21T10:00:00.000Z');

// Constraint errors are matched on their message, not with toThrow(): the
// SQLite driver is a native module loaded once per jest worker, so its error
// class can come from another test file's realm and fail `instanceof Error`.

describe.each(ids)('DatabaseHealthStore on %s', databaseId => {
  async function setup() {
    const knex = await init(databaseId);
    const store = await DatabaseHealthStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    await store.syncChecks(
      [
        checkDefinition({ name: 'payments-prod' }),
        checkDefinition({ name: 'payments-dev' }),
        checkDefinition({ name: 'checkout-prod', service: 'checkout-web' }),
      ],
      T0,
    );
    const checks = await store.listChecks({});
    const id = (name: string) => checks.find(c => c.name === name)!.id;
    return { knex, store, id };
  }

  it('syncs configured checks: adds, updates, removes with their samples', async () => {
    const { knex, store, id } = await setup();
    await seedSamples(knex, id('payments-dev'), [
      { status: 'up', sampledAt: T0 },
    ]);
    await seedSamples(knex, id('payments-prod'), [
      { status: 'up', sampledAt: T0 },
    ]);
    const later = new Date('2026-11-22T10:00:00.000Z');

    const result = await store.syncChecks(
      [
        checkDefinition({ name: 'payments-prod' }),
        checkDefinition({
          name: 'checkout-prod',
          service: 'checkout-web',
          timeoutMs: 2000,
        }),
        checkDefinition({ name: 'search-prod', service: 'search' }),
      ],
      later,
    );

    expect(result).toEqual({
      added: ['search-prod'],
      updated: ['checkout-prod'],
      removed: ['payments-dev'],
    });
    const checks = await store.listChecks({});
    expect(checks.map(c => c.name)).toEqual([
      'checkout-prod',
      'payments-prod',
      'search-prod',
    ]);
    expect(checks[0]).toMatchObject({
      service: 'checkout-web',
      timeoutMs: 2000,
      createdAt: T0.toISOString(),
      updatedAt: later.toISOString(),
    });
    expect(checks[1].updatedAt).toBe(T0.toISOString());
    const remaining = await knex('health_samples').select('check_id');
    expect(remaining.map(r => Number(r.check_id))).toEqual([
      id('payments-prod'),
    ]);
  });

  it('syncs in one transaction: a failing check changes nothing', async () => {
    const { store } = await setup();
    await expect(
      store.syncChecks(
        [
          checkDefinition({ name: 'search-prod', service: 'search' }),
          checkDefinition({
            name: 'broken',
            service: null as unknown as string,
          }),
        ],
        T0,
      ),
    ).rejects.toHaveProperty(
      'message',
      expect.stringMatching(/not null|null value/i),
    );
    expect((await store.listChecks({})).map(c => c.name)).toEqual([
      'checkout-prod',
      'payments-dev',
      'payments-prod',
    ]);
  });

  it('lists checks by service and gets one by id', async () => {
    const { store, id } = await setup();
    const payments = await store.listChecks({ service: 'payments-api' });
    expect(payments.map(c => c.name)).toEqual([
      'payments-dev',
      'payments-prod',
    ]);
    expect(await store.getCheck(id('checkout-prod'))).toMatchObject({
      name: 'checkout-prod',
      service: 'checkout-web',
      url: 'https://checkout-prod.example.com/healthz',
      method: 'GET',
      expectedStatus: 200,
      intervalSeconds: 30,
      timeoutMs: 5000,
      degradedLatencyMs: 1000,
    });
    expect(await store.getCheck(999_999)).toBeUndefined();
  });

  it('records samples and pages them newest first', async () => {
    const { store, id } = await setup();
    const checkId = id('payments-prod');
    for (let minute = 0; minute < 5; minute++) {
      await store.addSample({
        checkId,
        status: minute === 3 ? 'down' : 'up',
        latencyMs: 10.4 + minute,
        httpStatus: minute === 3 ? null : 200,
        error: minute === 3 ? 'Timed out after 5000 ms' : null,
        sampledAt: new Date(T0.getTime() + minute * 60_000),
      });
    }
    const page = await store.listSamples(checkId, { limit: 2, offset: 1 });
    expect(page.totalCount).toBe(5);
    expect(page.items).toEqual([
      {
        id: expect.any(Number),
        checkId,
        status: 'down',
        latencyMs: 13,
        httpStatus: null,
        error: 'Timed out after 5000 ms',
        detail: null,
        certDaysLeft: null,
        sampledAt: '2026-11-21T10:03:00.000Z',
      },
      expect.objectContaining({
        status: 'up',
        httpStatus: 200,
        sampledAt: '2026-11-21T10:02:00.000Z',
      }),
    ]);
    expect(
      (await store.listSamples(id('payments-dev'), { limit: 10, offset: 0 }))
        .totalCount,
    ).toBe(0);
  });

  it('returns the latest samples per check and the window', async () => {
    const { knex, store, id } = await setup();
    const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
    await seedSamples(
      knex,
      id('payments-prod'),
      [0, 1, 2, 3, 4, 5, 6].map(n => ({
        status: n === 6 ? 'degraded' : 'up',
        sampledAt: minutes(n),
      })),
    );
    await seedSamples(knex, id('checkout-prod'), [
      { status: 'down', sampledAt: minutes(1) },
    ]);

    const recent = await store.recentSamples(
      [id('payments-prod'), id('checkout-prod'), id('payments-dev')],
      5,
    );
    const prod = recent.filter(s => s.checkId === id('payments-prod'));
    expect(prod.map(s => s.sampledAt)).toEqual(
      [6, 5, 4, 3, 2].map(n => minutes(n).toISOString()),
    );
    expect(prod[0].status).toBe('degraded');
    expect(recent.filter(s => s.checkId === id('checkout-prod'))).toHaveLength(
      1,
    );
    expect(await store.recentSamples([], 5)).toEqual([]);

    const window = await store.samplesSince([id('payments-prod')], minutes(5));
    expect(window).toHaveLength(2);
    expect(window[0]).toEqual({
      checkId: id('payments-prod'),
      status: expect.any(String),
      latencyMs: 100,
    });

    expect(await store.deleteSamplesBefore(minutes(2))).toBe(3);
    expect(
      (await store.listSamples(id('payments-prod'), { limit: 50, offset: 0 }))
        .totalCount,
    ).toBe(5);
  });

  it('deletes samples with their check (ON DELETE CASCADE)', async () => {
    const { knex, id } = await setup();
    await seedSamples(knex, id('payments-prod'), [
      { status: 'up', sampledAt: T0 },
    ]);
    await knex('health_checks').where('id', id('payments-prod')).delete();
    const [{ count }] = await knex('health_samples').count({ count: '*' });
    expect(Number(count)).toBe(0);
  });

  it('rejects duplicate check names', async () => {
    const { knex } = await setup();
    await expect(
      knex('health_checks').insert({
        name: 'payments-prod',
        service: 'x',
        url: 'https://x',
        created_at: T0,
        updated_at: T0,
      }),
    ).rejects.toHaveProperty(
      'message',
      expect.stringMatching(/unique|duplicate/i),
    );
  });

  it('migrates down cleanly', async () => {
    const { knex } = await setup();
    await knex.migrate.rollback(
      {
        directory: `${__dirname}/../../migrations`,
        tableName: 'knex_migrations__opshub_plugin_infra_health_backend',
      },
      true,
    );
    expect(await knex.schema.hasTable('health_samples')).toBe(false);
    expect(await knex.schema.hasTable('health_checks')).toBe(false);
  });
});
