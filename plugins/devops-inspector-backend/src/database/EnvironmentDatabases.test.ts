import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import { InspectorEnvironmentConfig } from '../config';
import {
  closedPort,
  createScratchDatabase,
  POSTGRES_SKIP_NOTE,
  postgresTestUrl,
  ScratchDatabase,
} from '@opshub/schema-compare/testUtils';
import {
  ReadOnlyEnvironmentDatabases,
  unavailableReason,
} from './EnvironmentDatabases';
import { InspectorDatabaseError, ReadOnlyPostgres } from './ReadOnlyPostgres';

jest.setTimeout(60_000);

const PASSWORD = 'Env-Db%40Secret';

function environment(
  name: string,
  connection: string,
  statementTimeoutMs = 2000,
): InspectorEnvironmentConfig {
  return {
    name,
    label: name,
    tier: 'dev',
    connection,
    statementTimeoutMs,
    poolSize: 1,
  };
}

/** The error `promise` rejects with. */
async function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    error => error as Error,
  );
}

describe('unavailableReason', () => {
  const error = (fields: Partial<InspectorDatabaseError>) =>
    Object.assign(
      new InspectorDatabaseError({
        environment: 'dev',
        message: fields.message ?? 'x',
        connectFailed: true,
      }),
      fields,
    );

  it.each([
    [{ systemCode: 'ECONNREFUSED' }, 'connection refused'],
    [{ systemCode: 'ENOTFOUND' }, 'host not found'],
    [{ systemCode: 'ETIMEDOUT' }, 'connection timed out'],
    [{ code: '57014' }, 'statement timed out'],
    [{ code: '28P01' }, 'authentication failed'],
    [{ code: '3D000' }, 'database does not exist'],
    [{ code: '53300' }, 'too many connections'],
    [{ message: 'connect ECONNREFUSED 10.0.0.1:5432' }, 'connection refused'],
    [{ message: 'timeout expired' }, 'connection timed out'],
    [
      { message: 'Connection terminated due to connection timeout' },
      'connection timed out',
    ],
    [{ message: 'Connection terminated unexpectedly' }, 'connection closed'],
    [{ message: 'something else at db.internal:5432' }, 'connection failed'],
  ])('describes %j as %s', (fields, reason) => {
    expect(unavailableReason(error(fields))).toBe(reason);
  });
});

const serverUrl = postgresTestUrl();
const describeOnPostgres = serverUrl ? describe : describe.skip;

describeOnPostgres(
  `EnvironmentDatabases on PostgreSQL${serverUrl ? '' : POSTGRES_SKIP_NOTE}`,
  () => {
    let scratch: ScratchDatabase;
    let postgres: ReadOnlyPostgres;
    let databases: ReadOnlyEnvironmentDatabases;
    let refused: string;
    let missing: string;

    beforeAll(async () => {
      scratch = await createScratchDatabase(serverUrl as string);
      await scratch.client.query('CREATE TABLE notes (id int PRIMARY KEY)');
      refused = `postgresql://inspector:${PASSWORD}@127.0.0.1:${await closedPort()}/app`;
      const noDatabase = new URL(scratch.url);
      noDatabase.pathname = `/${scratch.name}_missing`;
      missing = noDatabase.toString();
      const environments = [
        environment('dev', scratch.url),
        environment('slow', scratch.url, 200),
        environment('refused', refused),
        environment('missing', missing),
      ];
      postgres = new ReadOnlyPostgres({ environments });
      databases = new ReadOnlyEnvironmentDatabases({ environments, postgres });
    });

    afterAll(async () => {
      await postgres?.close();
      await scratch?.drop();
    });

    it('lists the configured names and reads read-only', async () => {
      expect(databases.names()).toEqual(['dev', 'slow', 'refused', 'missing']);
      const [row] = await databases.read('dev', db =>
        db.query<{ ro: string }>(
          "SELECT current_setting('transaction_read_only') AS ro",
        ),
      );
      expect(row.ro).toBe('on');
      expect(databases.require('dev').statementTimeoutMs).toBe(2000);
    });

    it('answers NotFoundError for an unknown environment, before connecting', async () => {
      const fn = jest.fn();
      const error = await failure(databases.read('staging', fn));
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error.message).toBe('No environment named "staging"');
      expect(fn).not.toHaveBeenCalled();
      expect(() => databases.require('staging')).toThrow(NotFoundError);
    });

    it('answers ServiceUnavailableError for a refused port, naming the environment only', async () => {
      const error = await failure(databases.read('refused', async () => 1));
      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect(error.message).toBe(
        'The database of environment refused is unavailable (connection refused)',
      );
      for (const secret of [
        refused,
        PASSWORD,
        decodeURIComponent(PASSWORD),
        '127.0.0.1',
        'inspector',
      ]) {
        expect(error.message).not.toContain(secret);
      }
    });

    it('answers ServiceUnavailableError for a missing database', async () => {
      const error = await failure(databases.read('missing', async () => 1));
      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect(error.message).toBe(
        'The database of environment missing is unavailable (database does not exist)',
      );
      expect(error.message).not.toContain(scratch.name);
    });

    it('answers ServiceUnavailableError for a statement timeout', async () => {
      const error = await failure(
        databases.read('slow', db => db.query('SELECT pg_sleep(2)')),
      );
      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect(error.message).toBe(
        'The database of environment slow is unavailable (statement timed out)',
      );
    });

    it('rethrows a failing statement sanitized, and errors of the callback as they are', async () => {
      const statement = await failure(
        databases.read('dev', db => db.query('SELECT * FROM no_such_table')),
      );
      expect(statement).toBeInstanceOf(InspectorDatabaseError);
      expect((statement as InspectorDatabaseError).code).toBe('42P01');

      const own = new NotFoundError('No table');
      await expect(
        databases.read('dev', async () => {
          throw own;
        }),
      ).rejects.toBe(own);
    });

    it('keeps serving after a failure', async () => {
      await failure(
        databases.read('slow', db => db.query('SELECT pg_sleep(2)')),
      );
      const [row] = await databases.read('slow', db =>
        db.query<{ n: number }>('SELECT count(*)::int AS n FROM notes'),
      );
      expect(row.n).toBe(0);
    });
  },
);
