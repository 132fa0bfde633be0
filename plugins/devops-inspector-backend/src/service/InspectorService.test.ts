import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import { InspectorEnvironmentConfig } from '../config';
import { ActivityStore } from '../database/ActivityStore';
import { ReadOnlyEnvironmentDatabases } from '../database/EnvironmentDatabases';
import { ReadOnlyPostgres } from '../database/ReadOnlyPostgres';
import {
  closedPort,
  createScratchDatabase,
  POSTGRES_SKIP_NOTE,
  postgresTestUrl,
  ScratchDatabase,
} from '@opshub/schema-compare/testUtils';
import { InspectorService } from './InspectorService';

jest.setTimeout(60_000);

const PASSWORD = 'TopSecret-pw;42';

/** Hostile names, created through escapeIdentifier by the superuser. */
const HOSTILE_SCHEMA = 'Weird "Schema"; --';
const tables = [
  {
    schema: HOSTILE_SCHEMA,
    name: 'Mixed"Case;DROP TABLE x;--',
    rows: 3,
    analyze: true,
    index: true,
  },
  {
    schema: 'public',
    name: 'ünïcødé_täble',
    rows: 5,
    analyze: true,
    index: false,
  },
  { schema: 'public', name: 'semi;colon', rows: 2, analyze: true, index: true },
  { schema: 'public', name: '100%_done', rows: 1, analyze: true, index: false },
  { schema: 'public', name: "O'Reilly", rows: 0, analyze: false, index: false },
];

const serverUrl = postgresTestUrl();
const describeOnPostgres = serverUrl ? describe : describe.skip;

describeOnPostgres(
  `InspectorService on PostgreSQL${serverUrl ? '' : POSTGRES_SKIP_NOTE}`,
  () => {
    let scratch: ScratchDatabase;
    let postgres: ReadOnlyPostgres;
    let service: InspectorService;
    let downConnection: string;
    const store: jest.Mocked<ActivityStore> = {
      record: jest.fn(),
      list: jest.fn(),
      listBetween: jest.fn(),
      prune: jest.fn(),
    };

    beforeAll(async () => {
      scratch = await createScratchDatabase(serverUrl as string);
      const db = scratch.client;
      const id = (text: string) => db.escapeIdentifier(text);
      await db.query(`CREATE SCHEMA ${id(HOSTILE_SCHEMA)}`);
      for (const table of tables) {
        const qualified = `${id(table.schema)}.${id(table.name)}`;
        await db.query(
          `CREATE TABLE ${qualified} (id int, "Label ""x""" text, note text)`,
        );
        if (table.index) {
          await db.query(`CREATE INDEX ON ${qualified} (id)`);
        }
        if (table.rows) {
          await db.query(
            `INSERT INTO ${qualified} (id) SELECT g FROM generate_series(1, $1::int) g`,
            [table.rows],
          );
        }
        if (table.analyze) {
          await db.query(`ANALYZE ${qualified}`);
        }
      }
      // a dropped column must not be counted
      await db.query(`ALTER TABLE public.${id('semi;colon')} DROP COLUMN note`);

      downConnection = `postgresql://inspector:${encodeURIComponent(
        PASSWORD,
      )}@127.0.0.1:${await closedPort()}/app`;
      const environments: InspectorEnvironmentConfig[] = [
        {
          name: 'local',
          label: 'Local',
          tier: 'local',
          connection: scratch.url,
          statementTimeoutMs: 5000,
          poolSize: 2,
        },
        {
          name: 'prod',
          label: 'Production',
          tier: 'prod',
          connection: downConnection,
          statementTimeoutMs: 5000,
          poolSize: 2,
        },
      ];
      postgres = new ReadOnlyPostgres({ environments });
      service = new InspectorService({
        databases: new ReadOnlyEnvironmentDatabases({ environments, postgres }),
        store,
      });
    });

    afterAll(async () => {
      await postgres?.close();
      await scratch?.drop();
    });

    beforeEach(() => {
      store.record.mockReset();
    });

    function expectNoSecret(text: string | undefined) {
      expect(text).toBeDefined();
      for (const secret of [
        PASSWORD,
        encodeURIComponent(PASSWORD),
        downConnection,
      ]) {
        expect(text).not.toContain(secret);
      }
    }

    it('measures each database and reports a down one on its own entry', async () => {
      const environments = await service.listEnvironments();
      expect(
        environments.map(e => [e.name, e.tier, e.database.status]),
      ).toEqual([
        ['local', 'local', 'up'],
        ['prod', 'prod', 'down'],
      ]);
      const [local, prod] = environments;
      expect(local.database.serverVersion).toMatch(/^\d+(\.\d+)?/);
      expect(local.database.latencyMs).toBeGreaterThan(0);
      expect(local.database.latencyMs).toBeLessThan(5000);
      expect(local.database.error).toBeUndefined();
      expect(prod.database.serverVersion).toBeUndefined();
      expect(prod.database.latencyMs).toBeUndefined();
      expect(prod.database.error).toBe(
        'The database of environment prod is unavailable (connection refused)',
      );
      expectNoSecret(prod.database.error);
      expectNoSecret(JSON.stringify(environments));
    });

    it('reads the totals of a database that is up, none of one that is down', async () => {
      const [local, prod] = await service.listEnvironments();
      const [{ size }] = (
        await scratch.client.query<{ size: string }>(
          'SELECT pg_database_size(current_database()) AS size',
        )
      ).rows;
      // 3 + 5 + 2 + 1 analyzed rows; O'Reilly was never analyzed
      expect(local.database.totals).toEqual({
        tableCount: 5,
        sizeBytes: expect.any(Number),
        estimatedRows: 11,
        tablesWithoutEstimate: 1,
      });
      const sizeBytes = local.database.totals?.sizeBytes ?? 0;
      expect(sizeBytes).toBeGreaterThan(Number(size) * 0.9);
      expect(sizeBytes).toBeLessThan(Number(size) * 1.1);
      expect(prod.database.totals).toBeUndefined();
    });

    it('probes only the environments it is asked for', async () => {
      const environments = await service.listEnvironments(['local']);
      expect(environments.map(e => e.name)).toEqual(['local']);
    });

    it('lists tables with hostile names and measured statistics', async () => {
      const page = await service.listTables(
        'local',
        { limit: 50, offset: 0 },
        'user:default/jane',
      );
      expect(page.totalCount).toBe(5);
      expect(page.items.map(t => [t.schema, t.name])).toEqual([
        [HOSTILE_SCHEMA, 'Mixed"Case;DROP TABLE x;--'],
        ['public', '100%_done'],
        ['public', "O'Reilly"],
        ['public', 'semi;colon'],
        ['public', 'ünïcødé_täble'],
      ]);
      const byName = Object.fromEntries(page.items.map(t => [t.name, t]));

      expect(byName['ünïcødé_täble'].estimatedRows).toBe(5);
      expect(byName['semi;colon'].estimatedRows).toBe(2);
      expect(byName['Mixed"Case;DROP TABLE x;--'].estimatedRows).toBe(3);
      expect(byName["O'Reilly"].estimatedRows).toBeNull();

      expect(byName['semi;colon'].columnCount).toBe(2);
      expect(byName['ünïcødé_täble'].columnCount).toBe(3);
      expect(byName['semi;colon'].indexCount).toBe(1);
      expect(byName['ünïcødé_täble'].indexCount).toBe(0);
      expect(byName['semi;colon'].indexBytes).toBeGreaterThan(0);
      expect(byName['ünïcødé_täble'].indexBytes).toBe(0);
      expect(byName['ünïcødé_täble'].totalBytes).toBeGreaterThan(0);
      expect(byName['semi;colon'].totalBytes).toBeGreaterThanOrEqual(
        byName['semi;colon'].indexBytes,
      );

      expect(Date.parse(byName['semi;colon'].lastAnalyze ?? '')).not.toBeNaN();
      expect(byName["O'Reilly"].lastAnalyze).toBeNull();
      expect(byName["O'Reilly"].lastVacuum).toBeNull();

      expect(store.record).toHaveBeenCalledWith({
        actor: 'user:default/jane',
        action: 'tables.list',
        environment: 'local',
        details: { filter: null, limit: 50, offset: 0, totalCount: 5 },
      });
    });

    it.each([
      ['semi;colon', ['semi;colon']],
      ['MIXED"case;drop', ['Mixed"Case;DROP TABLE x;--']],
      ['weird "schema"; --.', ['Mixed"Case;DROP TABLE x;--']],
      ["o'reilly", ["O'Reilly"]],
      ['ünïcødé', ['ünïcødé_täble']],
      ['%', ['100%_done']],
      ['_', ['100%_done', 'ünïcødé_täble']],
      ['\\', []],
      ["' OR '1'='1", []],
      ['\'; DROP TABLE "semi;colon"; --', []],
    ])('filters literally on %j', async (filter, expected) => {
      const page = await service.listTables(
        'local',
        { filter, limit: 50, offset: 0 },
        'user:default/jane',
      );
      expect(page.items.map(t => t.name)).toEqual(expected);
      expect(page.totalCount).toBe(expected.length);
      expect(store.record).toHaveBeenCalledWith(
        expect.objectContaining({
          details: expect.objectContaining({ filter }),
        }),
      );
    });

    it('pages through tables and leaves them intact', async () => {
      const page = await service.listTables(
        'local',
        { limit: 2, offset: 3 },
        'user:default/jane',
      );
      expect(page).toMatchObject({ totalCount: 5, limit: 2, offset: 3 });
      expect(page.items.map(t => t.name)).toEqual([
        'semi;colon',
        'ünïcødé_täble',
      ]);

      const { rows } = await scratch.client.query(
        `SELECT count(*)::int AS n FROM public.${scratch.client.escapeIdentifier(
          'semi;colon',
        )}`,
      );
      expect(rows).toEqual([{ n: 2 }]);
    });

    it('answers 404 for an unknown environment', async () => {
      await expect(
        service.listTables('nope', { limit: 50, offset: 0 }, 'user:default/x'),
      ).rejects.toBeInstanceOf(NotFoundError);
      expect(store.record).not.toHaveBeenCalled();
    });

    it('answers 503 without credentials when the database is down', async () => {
      const error = await service
        .listTables('prod', { limit: 50, offset: 0 }, 'user:default/x')
        .then(
          () => undefined,
          e => e as Error,
        );
      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect(error?.message).toBe(
        'The database of environment prod is unavailable (connection refused)',
      );
      expectNoSecret(error?.message);
      expect(store.record).not.toHaveBeenCalled();
    });
  },
);
