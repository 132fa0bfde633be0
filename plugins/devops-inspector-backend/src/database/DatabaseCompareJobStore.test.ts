import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '@opshub/opshub-node/testUtils';
import { CompareJobProgress } from '@opshub/plugin-devops-inspector-common';
import { randomUUID } from 'crypto';
import { DatabaseCompareJobStore } from './DatabaseCompareJobStore';

jest.setTimeout(60_000);

const { ids, init } = createTestDatabases();

const at = (seconds: number) => new Date(Date.UTC(2026, 11, 1, 10, 0, seconds));

const progress = (completed: number): CompareJobProgress => ({
  phase: completed < 3 ? 'targets' : 'done',
  completed,
  total: 3,
  message: `step ${completed}`,
});

describe.each(ids)('DatabaseCompareJobStore on %s', databaseId => {
  async function setup() {
    const knex = await init(databaseId);
    const store = await DatabaseCompareJobStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const create = async (seconds = 0) => {
      const id = randomUUID();
      await store.create({
        id,
        createdBy: 'user:default/jane',
        request: { source: 'dev', targets: ['uat'], environment: 'dev' },
        progress: progress(0),
        now: at(seconds),
      });
      return id;
    };
    return { store, create };
  }

  it('records progress and the end of a job, only while it runs', async () => {
    const { store, create } = await setup();
    const id = await create();
    expect(await store.stateOf(id)).toBe('running');
    expect(await store.updateProgress(id, progress(1), at(1))).toBe(true);
    expect(await store.heartbeat(id, at(2))).toBe(true);
    const result = Buffer.from([31, 139, 0, 1, 255]);
    expect(
      await store.finish(
        id,
        { state: 'succeeded', result, progress: progress(3) },
        at(3),
      ),
    ).toBe(true);
    const job = await store.get(id);
    expect(job).toEqual({
      id,
      state: 'succeeded',
      createdBy: 'user:default/jane',
      request: { source: 'dev', targets: ['uat'], environment: 'dev' },
      progress: progress(3),
      error: null,
      result: expect.any(Buffer),
      createdAt: at(0),
      updatedAt: at(3),
      finishedAt: at(3),
    });
    expect([...job!.result!]).toEqual([...result]);

    // an ended job no longer changes
    expect(await store.updateProgress(id, progress(1), at(4))).toBe(false);
    expect(await store.heartbeat(id, at(4))).toBe(false);
    expect(await store.cancel(id, at(4))).toBe(false);
    expect(
      await store.finish(
        id,
        { state: 'failed', error: 'late', progress: progress(1) },
        at(4),
      ),
    ).toBe(false);
    expect((await store.get(id))?.state).toBe('succeeded');
  });

  it('lets a cancel win over a later finish', async () => {
    const { store, create } = await setup();
    const id = await create();
    expect(await store.cancel(id, at(1))).toBe(true);
    expect(
      await store.finish(
        id,
        { state: 'failed', error: 'x', progress: progress(1) },
        at(2),
      ),
    ).toBe(false);
    expect(await store.get(id)).toMatchObject({
      state: 'cancelled',
      finishedAt: at(1),
      error: null,
    });
  });

  it('fails stale jobs and prunes ended ones', async () => {
    const { store, create } = await setup();
    const stale = await create(0);
    const alive = await create(0);
    await store.heartbeat(alive, at(50));
    expect(await store.failIfStale(stale, at(30), 'gone', at(60))).toBe(true);
    expect(await store.failIfStale(alive, at(30), 'gone', at(60))).toBe(false);
    expect(await store.get(stale)).toMatchObject({
      state: 'failed',
      error: 'gone',
      finishedAt: at(60),
    });
    expect(await store.stateOf(alive)).toBe('running');

    const recent = await create(0);
    await store.cancel(recent, at(100));
    expect(await store.pruneFinished(at(90))).toBe(1);
    expect(await store.get(stale)).toBeUndefined();
    expect(await store.stateOf(recent)).toBe('cancelled');
    expect(await store.stateOf(alive)).toBe('running');
  });
});
