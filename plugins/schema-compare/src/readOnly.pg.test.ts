import { SchemaCompareDatabaseError, withReadOnlyDatabase } from './readOnly';
import {
  closedPort,
  createScratchDatabase,
  POSTGRES_SKIP_NOTE,
  postgresTestUrl,
  ScratchDatabase,
} from './testing/postgres';

const serverUrl = postgresTestUrl();
const describeIfPostgres = serverUrl ? describe : describe.skip;
jest.setTimeout(60_000);

async function failure(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    error => error as SchemaCompareDatabaseError,
  );
}

describeIfPostgres(
  `withReadOnlyDatabase${serverUrl ? '' : POSTGRES_SKIP_NOTE}`,
  () => {
    let scratch: ScratchDatabase;

    beforeAll(async () => {
      scratch = await createScratchDatabase(serverUrl!);
      await scratch.client.query('CREATE TABLE t (id int)');
    });

    afterAll(() => scratch?.drop());

    it('reads in a read-only transaction with local timeouts, and rolls back', async () => {
      const [row] = await withReadOnlyDatabase(
        scratch.url,
        { database: 'source', statementTimeoutMs: 1234 },
        db =>
          db.query<{ ro: string; st: string; lt: string }>(
            `SELECT current_setting('transaction_read_only') AS ro,
                    current_setting('statement_timeout') AS st,
                    current_setting('lock_timeout') AS lt`,
          ),
      );
      expect(row).toEqual({ ro: 'on', st: '1234ms', lt: '1234ms' });
      const write = await failure(
        withReadOnlyDatabase(
          scratch.url,
          { database: 'source', statementTimeoutMs: 1000 },
          db => db.query('INSERT INTO t VALUES (1)'),
        ),
      );
      expect(write).toBeInstanceOf(SchemaCompareDatabaseError);
      expect(write.code).toBe('25006');
      const { rows } = await scratch.client.query('SELECT count(*) FROM t');
      expect(rows[0].count).toBe('0');
    });

    it('stops a statement at the timeout', async () => {
      const error = await failure(
        withReadOnlyDatabase(
          scratch.url,
          { database: 'target', statementTimeoutMs: 100 },
          db => db.query('SELECT pg_sleep(2)'),
        ),
      );
      expect(error).toMatchObject({ database: 'target', code: '57014' });
    });

    it('names the database but never the password of a refused connection', async () => {
      const password = 'Refused%40Secret';
      const url = `postgresql://someone:${password}@127.0.0.1:${await closedPort()}/db?sslmode=disable`;
      const error = await failure(
        withReadOnlyDatabase(
          url,
          { database: 'source', statementTimeoutMs: 1000 },
          async () => 1,
        ),
      );
      expect(error).toBeInstanceOf(SchemaCompareDatabaseError);
      expect(error.database).toBe('source');
      expect(error.message).toMatch(/ECONNREFUSED/);
      for (const secret of [password, decodeURIComponent(password), url]) {
        expect(error.message).not.toContain(secret);
      }
    });
  },
);
