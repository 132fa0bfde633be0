import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createTestDatabases } from '@opshub/opshub-node/testUtils';
import { DatabaseActivityStore } from '../database/DatabaseActivityStore';
import {
  pruneActivity,
  pruneSnapshots,
  readActivityRetentionDays,
  readSnapshotRetentionDays,
} from './retention';

jest.setTimeout(60_000);

const { ids, init } = createTestDatabases();
const DAY = 24 * 60 * 60 * 1000;

describe('readActivityRetentionDays', () => {
  it('keeps a year unless configured, and refuses nonsense', () => {
    expect(readActivityRetentionDays(new ConfigReader({}))).toBe(365);
    expect(
      readActivityRetentionDays(
        new ConfigReader({
          devopsInspector: { retention: { activityDays: 30 } },
        }),
      ),
    ).toBe(30);
    for (const activityDays of [0, -1, 1.5]) {
      expect(() =>
        readActivityRetentionDays(
          new ConfigReader({
            devopsInspector: { retention: { activityDays } },
          }),
        ),
      ).toThrow(/devopsInspector\.retention\.activityDays/);
    }
  });
});

describe.each(ids)('pruneActivity on %s', databaseId => {
  it('deletes the entries older than the retention, and only those', async () => {
    const knex = await init(databaseId);
    const store = await DatabaseActivityStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const now = new Date('2026-11-21T00:00:00Z');
    for (const days of [500, 31, 29, 0]) {
      await knex('inspector_activity').insert({
        actor: 'user:default/jane',
        action: 'tables.list',
        environment: 'dev',
        details: JSON.stringify({ days }),
        created_at: new Date(now.getTime() - days * DAY),
      });
    }
    const logger = mockServices.logger.mock();

    await expect(
      pruneActivity({ store, activityDays: 30, logger, now }),
    ).resolves.toBe(2);
    const left = await knex('inspector_activity')
      .select('details')
      .orderBy('created_at');
    expect(left.map(r => JSON.parse(r.details).days)).toEqual([29, 0]);
    expect(logger.info).toHaveBeenCalledWith(
      'Retention: deleted 2 activity entries older than 30 days',
    );

    // nothing left to delete, nothing logged
    logger.info.mockClear();
    await expect(
      pruneActivity({ store, activityDays: 30, logger, now }),
    ).resolves.toBe(0);
    expect(logger.info).not.toHaveBeenCalled();
  });
});

describe('snapshot retention', () => {
  it('keeps 90 days unless configured, and refuses nonsense', () => {
    expect(readSnapshotRetentionDays(new ConfigReader({}))).toBe(90);
    expect(
      readSnapshotRetentionDays(
        new ConfigReader({
          devopsInspector: { retention: { snapshotDays: 14 } },
        }),
      ),
    ).toBe(14);
    expect(() =>
      readSnapshotRetentionDays(
        new ConfigReader({
          devopsInspector: { retention: { snapshotDays: 0 } },
        }),
      ),
    ).toThrow(/devopsInspector\.retention\.snapshotDays/);
  });

  it('asks the store to prune before now minus the retention, and logs what went', async () => {
    const store = { pruneSnapshots: jest.fn().mockResolvedValue(3) };
    const logger = mockServices.logger.mock();
    const now = new Date('2026-12-01T00:00:00Z');

    await expect(
      pruneSnapshots({ store, snapshotDays: 90, logger, now }),
    ).resolves.toBe(3);
    expect(store.pruneSnapshots).toHaveBeenCalledWith(
      new Date('2026-09-02T00:00:00Z'),
    );
    expect(logger.info).toHaveBeenCalledWith(
      'Retention: deleted 3 schema snapshots older than 90 days',
    );
  });
});
