import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createTestDatabases } from '@opshub/opshub-node/testUtils';
import { DatabaseReleaseStore } from '../database/DatabaseReleaseStore';
import { pruneStepHistory, readRetention } from './retention';

jest.setTimeout(60_000);

const { ids, init } = createTestDatabases();
const DAY = 24 * 60 * 60 * 1000;

describe('readRetention', () => {
  it('keeps a year of step history unless configured', () => {
    expect(readRetention(new ConfigReader({}))).toEqual({ eventDays: 365 });
    expect(
      readRetention(
        new ConfigReader({
          releaseOrchestration: { retention: { eventDays: 30 } },
        }),
      ),
    ).toEqual({ eventDays: 30 });
    expect(() =>
      readRetention(
        new ConfigReader({
          releaseOrchestration: { retention: { eventDays: 0 } },
        }),
      ),
    ).toThrow(/retention.eventDays/);
  });
});

describe.each(ids)('pruneStepHistory on %s', databaseId => {
  it('deletes step history older than the retention and keeps the rest and the release', async () => {
    const knex = await init(databaseId);
    const store = await DatabaseReleaseStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const now = new Date('2026-12-01T00:00:00Z');
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    const [row] = await knex('releases')
      .insert({ name: 'R1', type: 'release' })
      .returning('id');
    const releaseId = Number(typeof row === 'object' ? row.id : row);
    await knex('step_events').insert(
      [400, 366, 364, 1].map(days => ({
        release_id: releaseId,
        customer_id: 1,
        kind: 'status',
        actor: 'user:default/a',
        at: ago(days),
        note: `${days}`,
      })),
    );

    const deleted = await pruneStepHistory({
      store,
      retention: readRetention(new ConfigReader({})),
      now,
    });

    expect(deleted).toBe(2);
    const left = await knex('step_events').orderBy('id').select('note');
    expect(left.map(r => r.note)).toEqual(['364', '1']);
    const [{ n }] = await knex('releases').count({ n: '*' });
    expect(Number(n)).toBe(1);
    // nothing left to delete: a second run deletes nothing
    expect(
      await pruneStepHistory({
        store,
        retention: { eventDays: 365 },
        now,
      }),
    ).toBe(0);
  });
});
