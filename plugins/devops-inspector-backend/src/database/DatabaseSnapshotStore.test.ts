import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '@opshub/opshub-node/testUtils';
import { CompareSummary } from '@opshub/plugin-devops-inspector-common';
import { DatabaseSnapshotStore } from './DatabaseSnapshotStore';

jest.setTimeout(60_000);

const { ids, init } = createTestDatabases();

const SUMMARY: CompareSummary = {
  total: 2,
  breakingCount: 1,
  byChange: { added: 1, removed: 1, modified: 0 },
  byObjectType: { column: 2 },
  bySeverity: { breaking: 1, hazard: 0, info: 1 },
  byHazard: { column_dropped: 1 },
};

describe.each(ids)('DatabaseSnapshotStore on %s', databaseId => {
  async function setup() {
    const knex = await init(databaseId);
    const store = await DatabaseSnapshotStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    return { knex, store };
  }

  const snapshot = (
    environment: string,
    minute: number,
    bytes = [1, 2, 3],
  ) => ({
    environment,
    label: minute === 0 ? null : `at ${minute}`,
    takenAt: new Date(Date.UTC(2026, 11, 1, 10, minute)),
    takenBy: 'user:default/jane',
    objectCount: 10 + minute,
    content: Buffer.from(bytes),
  });

  it('stores snapshots with their binary content and lists them newest first', async () => {
    const { store } = await setup();
    const binary = [0, 255, 31, 139, 8, 0];
    const first = await store.insertSnapshot(snapshot('dev', 0, binary));
    await store.insertSnapshot(snapshot('prod', 1));
    const third = await store.insertSnapshot(snapshot('dev', 2));

    expect(first).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      environment: 'dev',
      label: null,
      takenAt: '2026-12-01T10:00:00.000Z',
      takenBy: 'user:default/jane',
      objectCount: 10,
      sizeBytes: binary.length,
    });
    const stored = await store.getSnapshot(first.id);
    expect(stored?.summary).toEqual(first);
    expect([...stored!.content]).toEqual(binary);
    expect(await store.getSnapshotSummary(first.id)).toEqual(first);
    expect(
      await store.getSnapshot('00000000-0000-4000-8000-000000000000'),
    ).toBeUndefined();

    const dev = await store.listSnapshots(
      { environments: ['dev'] },
      { limit: 1, offset: 0 },
    );
    expect(dev).toEqual({ items: [third], total: 2 });
    const both = await store.listSnapshots(
      { environments: ['dev', 'prod'] },
      { limit: 10, offset: 1 },
    );
    expect(both.total).toBe(3);
    expect(both.items.map(s => s.label)).toEqual(['at 1', null]);
    expect(
      await store.listSnapshots({ environments: [] }, { limit: 10, offset: 0 }),
    ).toEqual({ items: [], total: 0 });
    expect((await store.latestSnapshot('dev'))?.summary).toEqual(third);
    expect(await store.latestSnapshot('uat')).toBeUndefined();
  });

  it('stores a snapshot and its drift check together', async () => {
    const { store, knex } = await setup();
    const previous = await store.insertSnapshot(snapshot('dev', 0));
    const { snapshot: next, drift } = await store.insertSnapshotWithDrift(
      snapshot('dev', 5),
      {
        previousSnapshotId: previous.id,
        checkedAt: new Date(Date.UTC(2026, 11, 1, 10, 5)),
        summary: SUMMARY,
        breaking: true,
      },
    );
    expect(drift).toEqual({
      id: expect.any(String),
      environment: 'dev',
      snapshotId: next.id,
      previousSnapshotId: previous.id,
      checkedAt: '2026-12-01T10:05:00.000Z',
      summary: SUMMARY,
      breaking: true,
    });
    expect(
      await store.listDrift(
        { environments: ['dev'] },
        { limit: 10, offset: 0 },
      ),
    ).toEqual({ items: [drift], total: 1 });
    expect(
      await store.listDrift(
        { environments: ['prod'] },
        { limit: 10, offset: 0 },
      ),
    ).toEqual({ items: [], total: 0 });

    // a drift check that cannot be stored leaves no snapshot behind
    const before = await knex('schema_snapshots').count({ count: '*' });
    await expect(
      store.insertSnapshotWithDrift(snapshot('dev', 9), {
        // no such snapshot: refused inside the transaction
        previousSnapshotId: '00000000-0000-4000-8000-000000000000',
        checkedAt: new Date(),
        summary: SUMMARY,
        breaking: false,
      }),
    ).rejects.toMatchObject({
      message:
        'previous snapshot 00000000-0000-4000-8000-000000000000 not found',
    });
    expect(await knex('schema_snapshots').count({ count: '*' })).toEqual(
      before,
    );
  });

  it('prunes old unlabeled and drift-check snapshots, keeping the newest, labeled ones and the baselines of recent drift', async () => {
    const { store, knex } = await setup();
    const DAY = 24 * 60 * 60 * 1000;
    const now = Date.UTC(2026, 11, 1);
    const before = new Date(now - 90 * DAY);
    const at = (daysAgo: number) => new Date(now - daysAgo * DAY);
    const old = (
      environment: string,
      daysAgo: number,
      label: string | null = null,
      takenBy = 'user:default/jane',
    ) => ({
      environment,
      label,
      takenAt: at(daysAgo),
      takenBy,
      objectCount: 1,
      content: Buffer.from([daysAgo]),
    });
    const driftOf = (previousSnapshotId: string, daysAgo: number) => ({
      previousSnapshotId,
      checkedAt: at(daysAgo),
      summary: SUMMARY,
      breaking: false,
    });
    const DRIFT = 'plugin:devops-inspector';

    const a = await store.insertSnapshot(old('dev', 200));
    const release = await store.insertSnapshot(old('dev', 150, 'release 4.2'));
    const c = await store.insertSnapshotWithDrift(
      old('dev', 120, 'drift check', DRIFT),
      driftOf(a.id, 120),
    );
    // unlabeled and old, but the baseline of a drift check inside the window
    const d = await store.insertSnapshotWithDrift(
      old('dev', 100),
      driftOf(c.snapshot.id, 100),
    );
    const e = await store.insertSnapshotWithDrift(
      old('dev', 80, 'drift check', DRIFT),
      driftOf(d.snapshot.id, 80),
    );
    // the only, so the newest, snapshot of prod
    const prod = await store.insertSnapshot(old('prod', 300));

    await expect(store.pruneSnapshots(before)).resolves.toBe(2);
    const left = await knex('schema_snapshots').select('id');
    expect(left.map(r => r.id).sort()).toEqual(
      [release.id, d.snapshot.id, e.snapshot.id, prod.id].sort(),
    );
    // the drift checks of the pruned snapshots went with them
    const drift = await knex('drift_checks').select('id');
    expect(drift.map(r => r.id)).toEqual([e.drift.id]);

    await expect(store.pruneSnapshots(before)).resolves.toBe(0);
  });
});
