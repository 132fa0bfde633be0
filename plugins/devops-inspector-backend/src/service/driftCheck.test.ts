import { createServiceFactory } from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import {
  NotificationSendOptions,
  NotificationService,
  notificationService,
} from '@backstage/plugin-notifications-node';
import {
  SignalPayload,
  SignalsService,
  signalsServiceRef,
} from '@backstage/plugin-signals-node';
import { createTestDatabases } from '@opshub/opshub-node/testUtils';
import {
  DRIFT_SIGNAL_CHANNEL,
  DriftRecord,
} from '@opshub/plugin-devops-inspector-common';
import {
  createScratchDatabase,
  POSTGRES_SKIP_NOTE,
  postgresTestUrl,
  ScratchDatabase,
  TARGET_SQL,
} from '@opshub/schema-compare/testUtils';
import knexFactory, { Knex } from 'knex';
import { DatabaseSnapshotStore } from '../database/DatabaseSnapshotStore';
import { ReadOnlyEnvironmentDatabases } from '../database/EnvironmentDatabases';
import { ReadOnlyPostgres } from '../database/ReadOnlyPostgres';
import { devopsInspectorPlugin } from '../plugin';
import { DRIFT_ACTOR, DriftService } from './DriftService';

jest.setTimeout(120_000);

const serverUrl = postgresTestUrl();
const { ids, init } = createTestDatabases();
const postgresIds = ids.filter(id => id.startsWith('POSTGRES'));
const describeIfPostgres =
  serverUrl && postgresIds.length ? describe : describe.skip;

const RECIPIENTS = ['group:default/platform'];

/** Records what the plugin publishes and sends. */
function recorders() {
  const signals: SignalPayload[] = [];
  const notifications: NotificationSendOptions[] = [];
  const signalsService: SignalsService = {
    publish: async signal => {
      signals.push(signal as SignalPayload);
    },
  };
  const notificationsService: NotificationService = {
    send: async options => {
      notifications.push(options);
    },
  };
  return { signals, notifications, signalsService, notificationsService };
}

async function eventually<T>(
  fn: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 60_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > end) {
      throw new Error(`Timed out waiting for ${what}`);
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

describeIfPostgres(
  `the drift check on PostgreSQL${serverUrl ? '' : POSTGRES_SKIP_NOTE}`,
  () => {
    let db: ScratchDatabase;
    let postgres: ReadOnlyPostgres;
    let databases: ReadOnlyEnvironmentDatabases;
    const opened: Knex[] = [];
    const backends: TestBackend[] = [];

    beforeAll(async () => {
      db = await createScratchDatabase(serverUrl!);
      await db.client.query(TARGET_SQL);
      const environments = [
        {
          name: 'dev',
          tier: 'dev' as const,
          label: 'dev',
          connection: db.url,
          statementTimeoutMs: 30_000,
          poolSize: 2,
        },
      ];
      postgres = new ReadOnlyPostgres({ environments });
      databases = new ReadOnlyEnvironmentDatabases({ environments, postgres });
    });

    afterAll(async () => {
      await Promise.all(backends.map(b => b.stop()));
      await Promise.all(opened.map(k => k.destroy()));
      await postgres?.close();
      await db?.drop();
    });

    it('records breaking drift between two snapshots and announces it', async () => {
      const knex = await init(postgresIds[0]);
      const store = await DatabaseSnapshotStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      const { signals, notifications, signalsService, notificationsService } =
        recorders();
      const drift = new DriftService({
        databases,
        store,
        signals: signalsService,
        notifications: notificationsService,
        notifyRecipients: RECIPIENTS,
      });

      // the first snapshot has nothing to compare with
      expect(await drift.check('dev')).toBeUndefined();
      // nothing changed: a record without drift, and no announcement
      const same = await drift.check('dev');
      expect(same).toMatchObject({
        environment: 'dev',
        breaking: false,
        summary: { total: 0 },
      });

      // code selecting main.counter fails from now on
      await db.client.query('ALTER TABLE main DROP COLUMN counter');
      try {
        const breaking = (await drift.check('dev'))!;
        expect(breaking.breaking).toBe(true);
        expect(breaking.summary.bySeverity.breaking).toBeGreaterThan(0);
        expect(breaking.previousSnapshotId).toBe(same!.snapshotId);
        expect(
          await drift.list(['dev'], { limit: 10, offset: 0 }),
        ).toMatchObject({ items: [breaking, same], total: 2 });

        const snapshots = await store.listSnapshots(
          { environments: ['dev'] },
          { limit: 10, offset: 0 },
        );
        expect(snapshots.total).toBe(3);
        expect(snapshots.items[0]).toMatchObject({
          id: breaking.snapshotId,
          takenBy: DRIFT_ACTOR,
        });

        expect(signals).toEqual([
          {
            recipients: { type: 'broadcast' },
            channel: DRIFT_SIGNAL_CHANNEL,
            message: {
              id: breaking.id,
              environment: 'dev',
              snapshotId: breaking.snapshotId,
              previousSnapshotId: breaking.previousSnapshotId,
              checkedAt: breaking.checkedAt,
              breaking: true,
            },
          },
        ]);
        expect(notifications).toEqual([
          {
            recipients: { type: 'entity', entityRef: RECIPIENTS },
            payload: expect.objectContaining({
              title: 'Breaking schema drift in dev',
              severity: 'high',
              topic: DRIFT_SIGNAL_CHANNEL,
            }),
          },
        ]);
      } finally {
        await db.client.query('ALTER TABLE main ADD COLUMN counter bigint');
      }
    });

    it('runs the scheduled check once across two backends', async () => {
      const first = await init(postgresIds[0]);
      // the second backend: its own pool on the same database
      const second = knexFactory({
        client: 'pg',
        connection: first.client.config.connection,
        pool: { min: 0, max: 5 },
      });
      opened.push(second);

      // a previous snapshot, then a breaking change
      const store = await DatabaseSnapshotStore.create({
        database: mockServices.database({
          knex: first,
          migrations: { skip: false },
        }),
      });
      await new DriftService({ databases, store }).check('dev');
      await db.client.query('ALTER TABLE main DROP COLUMN extra');

      const recorded = recorders();
      const start = (knex: Knex) =>
        startTestBackend({
          features: [
            devopsInspectorPlugin,
            schedulerServiceFactory,
            mockServices.database.factory({ knex }),
            createServiceFactory({
              service: signalsServiceRef,
              deps: {},
              factory: () => recorded.signalsService,
            }),
            createServiceFactory({
              service: notificationService,
              deps: {},
              factory: () => recorded.notificationsService,
            }),
            mockServices.rootConfig.factory({
              data: {
                devopsInspector: {
                  drift: { notify: { recipients: RECIPIENTS } },
                  environments: {
                    dev: {
                      label: 'Development',
                      tier: 'dev',
                      connection: db.url,
                      drift: { enabled: true, schedule: { hours: 6 } },
                    },
                  },
                },
              },
            }),
          ],
        });
      // one after the other, as replicas should start on an empty database
      backends.push(await start(first));
      backends.push(await start(second));

      const checks = () =>
        first('drift_checks').select('*') as Promise<
          Array<{ id: string; breaking: boolean }>
        >;
      await eventually(
        async () => ((await checks()).length > 0 ? true : undefined),
        'the scheduled drift check',
      );
      // both schedulers poll several times more: still one check
      await new Promise(resolve => setTimeout(resolve, 8_000));
      const rows = await checks();
      expect(rows).toHaveLength(1);
      expect(rows[0].breaking).toBe(true);
      expect(
        (await first('schema_snapshots').count({ count: '*' }))[0].count,
      ).toBe('2');
      expect(recorded.signals).toHaveLength(1);
      expect(recorded.signals[0]).toMatchObject({
        channel: DRIFT_SIGNAL_CHANNEL,
        message: { id: rows[0].id, environment: 'dev', breaking: true },
      });
      expect(recorded.notifications).toHaveLength(1);
      const listed = (
        await store.listDrift(
          { environments: ['dev'] },
          { limit: 5, offset: 0 },
        )
      ).items as DriftRecord[];
      expect(listed.map(d => d.id)).toEqual([rows[0].id]);
    });
  },
);
