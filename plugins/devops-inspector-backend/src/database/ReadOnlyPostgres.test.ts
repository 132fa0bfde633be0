import {
  closedPort,
  createScratchDatabase,
  POSTGRES_SKIP_NOTE,
  postgresTestUrl,
  ScratchDatabase,
} from '@opshub/schema-compare/testUtils';
import { InspectorDatabaseError, ReadOnlyPostgres } from './ReadOnlyPostgres';

jest.setTimeout(60_000);

const serverUrl = postgresTestUrl();
const describeOnPostgres = serverUrl ? describe : describe.skip;

describeOnPostgres(
  `ReadOnlyPostgres on PostgreSQL${serverUrl ? '' : POSTGRES_SKIP_NOTE}`,
  () => {
    let scratch: ScratchDatabase;
    let postgres: ReadOnlyPostgres;
    let downConnection: string;

    beforeAll(async () => {
      scratch = await createScratchDatabase(serverUrl as string);
      await scratch.client.query(
        'CREATE TABLE notes (id int PRIMARY KEY); INSERT INTO notes VALUES (1)',
      );
      downConnection = `postgresql://inspector:Sup3r%40Secret@127.0.0.1:${await closedPort()}/app`;
      postgres = new ReadOnlyPostgres({
        environments: [
          {
            name: 'scratch',
            connection: scratch.url,
            statementTimeoutMs: 300,
            poolSize: 1,
          },
          {
            name: 'down',
            connection: downConnection,
            statementTimeoutMs: 300,
            poolSize: 1,
          },
        ],
      });
    });

    afterAll(async () => {
      await postgres?.close();
      await scratch?.drop();
    });

    it('runs queries in a read-only transaction with local timeouts', async () => {
      const settings = await postgres.withReadOnly('scratch', db =>
        db.query<{ ro: string; st: string; lt: string; id: number }>(
          `SELECT current_setting('transaction_read_only') AS ro,
                current_setting('statement_timeout') AS st,
                current_setting('lock_timeout') AS lt,
                (SELECT id FROM notes) AS id`,
        ),
      );
      expect(settings).toEqual([{ ro: 'on', st: '300ms', lt: '300ms', id: 1 }]);
    });

    it.each([
      ['INSERT INTO notes VALUES (2)'],
      ['CREATE TABLE evil (id int)'],
      ['DROP TABLE notes'],
    ])('refuses writes: %s', async statement => {
      const attempt = postgres.withReadOnly('scratch', db =>
        db.query(statement),
      );
      await expect(attempt).rejects.toThrow(/read-only transaction/);
      await expect(attempt).rejects.toMatchObject({
        name: 'InspectorDatabaseError',
        code: '25006',
      });
      const { rows } = await scratch.client.query(
        'SELECT count(*)::int AS n FROM notes',
      );
      expect(rows).toEqual([{ n: 1 }]);
    });

    it('stays read-only after a COMMIT smuggled into the transaction', async () => {
      await expect(
        postgres.withReadOnly('scratch', async db => {
          await db.query('COMMIT');
          return db.query('INSERT INTO notes VALUES (3)');
        }),
      ).rejects.toThrow(/read-only transaction/);
      const { rows } = await scratch.client.query(
        'SELECT count(*)::int AS n FROM notes',
      );
      expect(rows).toEqual([{ n: 1 }]);
    });

    it('cancels a statement that runs over the timeout', async () => {
      const started = Date.now();
      const attempt = postgres.withReadOnly('scratch', db =>
        db.query('SELECT pg_sleep(10)'),
      );
      await expect(attempt).rejects.toThrow(/statement timeout/);
      await expect(attempt).rejects.toMatchObject({ code: '57014' });
      expect(Date.now() - started).toBeLessThan(5000);
      const error = await attempt.then(
        () => undefined,
        e => e as InspectorDatabaseError,
      );
      expect(error?.unavailable).toBe(true);
    });

    it('rolls back and releases the only connection after every failure', async () => {
      for (let i = 0; i < 3; i++) {
        await expect(
          postgres.withReadOnly('scratch', db => db.query('SELECT 1/0')),
        ).rejects.toThrow(/division by zero/);
        await expect(
          postgres.withReadOnly('scratch', async () => {
            throw new Error('thrown by the callback');
          }),
        ).rejects.toThrow('thrown by the callback');
      }
      // poolSize is 1: this would time out if a client had leaked
      const [row] = await postgres.withReadOnly('scratch', db =>
        db.query<{ ok: number }>('SELECT 1 AS ok'),
      );
      expect(row).toEqual({ ok: 1 });
    });

    it('binds parameters instead of interpolating them', async () => {
      const hostile = "'); DROP TABLE notes; --";
      const [row] = await postgres.withReadOnly('scratch', db =>
        db.query<{ echoed: string }>('SELECT $1::text AS echoed', [hostile]),
      );
      expect(row.echoed).toBe(hostile);
    });

    it('reports an unreachable database without its credentials', async () => {
      const error = await postgres
        .withReadOnly('down', db => db.query('SELECT 1'))
        .then(
          () => undefined,
          e => e as InspectorDatabaseError,
        );
      expect(error).toBeInstanceOf(InspectorDatabaseError);
      expect(error?.connectFailed).toBe(true);
      expect(error?.unavailable).toBe(true);
      expect(error?.message).toMatch(/ECONNREFUSED/);
      for (const secret of ['Sup3r%40Secret', 'Sup3r@Secret', downConnection]) {
        expect(error?.message).not.toContain(secret);
        expect(JSON.stringify(error)).not.toContain(secret);
      }
    });

    it('retires its pools: running queries finish, the next one connects anew', async () => {
      const pidOf = async () =>
        (
          await postgres.withReadOnly('scratch', db =>
            db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid'),
          )
        )[0].pid;
      const before = await pidOf();
      expect(await pidOf()).toBe(before);

      // queued on the old pool when it is retired
      const running = postgres.withReadOnly('scratch', db =>
        db.query<{ one: number }>('SELECT 1 AS one FROM pg_sleep(0.1)'),
      );
      expect(postgres.resetPools()).toContain('scratch');
      expect(postgres.poolUsage('scratch')).toBeNull();
      await expect(running).resolves.toEqual([{ one: 1 }]);

      const after = await pidOf();
      expect(after).not.toBe(before);
      // the old connection is closed by the server's account too
      const deadline = Date.now() + 5000;
      let open = 1;
      while (open > 0 && Date.now() < deadline) {
        await new Promise(resolve => setTimeout(resolve, 50));
        open = (
          await scratch.client.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = $1',
            [before],
          )
        ).rows[0].n;
      }
      expect(open).toBe(0);
    });

    it('rejects unknown environments and calls after close', async () => {
      await expect(
        postgres.withReadOnly('nope', db => db.query('SELECT 1')),
      ).rejects.toThrow(/Unknown environment/);
      const other = new ReadOnlyPostgres({
        environments: [
          {
            name: 'scratch',
            connection: scratch.url,
            statementTimeoutMs: 1000,
            poolSize: 1,
          },
        ],
      });
      await other.withReadOnly('scratch', db => db.query('SELECT 1'));
      await other.close();
      await expect(
        other.withReadOnly('scratch', db => db.query('SELECT 1')),
      ).rejects.toThrow(/closed/);
    });
  },
);
