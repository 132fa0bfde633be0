import { mockServices } from '@backstage/backend-test-utils';
import { SloDefinition } from '@opshub/plugin-infra-health-common';
import { createTestDatabases } from '@opshub/opshub-node/testUtils';
import { DatabaseSloStore } from './DatabaseSloStore';

jest.setTimeout(60_000);

const { ids, init } = createTestDatabases();

const T0 = new Date('2026-12-01T10:00:00.000Z');
const T1 = new Date('2026-12-01T11:00:00.000Z');

const checksSlo = (name: string, extra: Partial<SloDefinition> = {}) => ({
  name,
  service: 'payments-api',
  objective: 99.5,
  window: '30d',
  source: 'checks' as const,
  ...extra,
});

const promSlo: SloDefinition = {
  name: 'payments availability',
  service: 'payments-api',
  objective: 99.9,
  window: '7d',
  source: 'prometheus',
  good: 'http_requests_total{code!~"5.."}',
  total: 'http_requests_total',
};

// Constraint errors are matched on their message (see DatabaseHealthStore.test.ts).

describe.each(ids)('DatabaseSloStore on %s', databaseId => {
  async function setup() {
    const knex = await init(databaseId);
    const store = await DatabaseSloStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    return { knex, store };
  }

  it('creates, reads, updates and deletes API SLOs', async () => {
    const { store } = await setup();
    const created = await store.createSlo(promSlo, 'user:default/jane', T0);
    expect(created).toEqual({
      id: expect.any(Number),
      ...promSlo,
      origin: 'api',
      createdBy: 'user:default/jane',
      createdAt: T0.toISOString(),
      updatedAt: T0.toISOString(),
    });
    expect(await store.getSlo(created.id)).toEqual(created);

    const updated = await store.updateSlo(
      created.id,
      checksSlo('payments checks', { objective: 99.95 }),
      T1,
    );
    expect(updated).toEqual({
      ...checksSlo('payments checks', { objective: 99.95 }),
      id: created.id,
      origin: 'api',
      createdBy: 'user:default/jane',
      createdAt: T0.toISOString(),
      updatedAt: T1.toISOString(),
    });
    expect(updated).not.toHaveProperty('good');

    expect(await store.deleteSlo(created.id)).toBe(true);
    expect(await store.deleteSlo(created.id)).toBe(false);
    expect(await store.getSlo(created.id)).toBeUndefined();
  });

  it('rejects a taken name with a conflict and writes nothing', async () => {
    const { store } = await setup();
    const a = await store.createSlo(checksSlo('a'), 'user:default/jane', T0);
    await store.createSlo(checksSlo('b'), 'user:default/jane', T0);
    await expect(
      store.createSlo(checksSlo('a'), 'user:default/jane', T0),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message: "An SLO named 'a' already exists",
    });
    await expect(
      store.updateSlo(a.id, checksSlo('b'), T1),
    ).rejects.toMatchObject({ name: 'ConflictError' });
    await expect(
      store.updateSlo(999_999, checksSlo('c'), T1),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
    expect((await store.listSlos({})).map(s => s.name)).toEqual(['a', 'b']);
    expect((await store.getSlo(a.id))!.updatedAt).toBe(T0.toISOString());
  });

  it('syncs config SLOs: adds, updates, takes over a name, removes', async () => {
    const { store } = await setup();
    const api = await store.createSlo(
      checksSlo('taken by config'),
      'user:default/jane',
      T0,
    );
    const keep = await store.createSlo(
      checksSlo('api only', { service: 'checkout-web' }),
      'user:default/jane',
      T0,
    );
    expect(
      await store.syncConfigSlos([promSlo, checksSlo('old config')], T0),
    ).toEqual({
      added: ['payments availability', 'old config'],
      updated: [],
      removed: [],
    });
    expect(
      await store.syncConfigSlos(
        [{ ...promSlo, objective: 99.0 }, checksSlo('taken by config')],
        T1,
      ),
    ).toEqual({
      added: [],
      updated: ['payments availability', 'taken by config'],
      removed: ['old config'],
    });
    const slos = await store.listSlos({});
    expect(slos.map(s => [s.name, s.origin, s.objective])).toEqual([
      ['api only', 'api', 99.5],
      ['payments availability', 'config', 99],
      ['taken by config', 'config', 99.5],
    ]);
    expect(slos.find(s => s.name === 'taken by config')!.id).toBe(api.id);
    expect(await store.getSlo(keep.id)).toMatchObject({ origin: 'api' });
    // unchanged config: nothing to do
    expect(
      await store.syncConfigSlos(
        [{ ...promSlo, objective: 99.0 }, checksSlo('taken by config')],
        T1,
      ),
    ).toEqual({ added: [], updated: [], removed: [] });
  });

  it('filters by service', async () => {
    const { store } = await setup();
    await store.createSlo(checksSlo('a'), 'user:default/jane', T0);
    await store.createSlo(
      checksSlo('b', { service: 'checkout-web' }),
      'user:default/jane',
      T0,
    );
    expect(
      (await store.listSlos({ service: 'checkout-web' })).map(s => s.name),
    ).toEqual(['b']);
  });
});
