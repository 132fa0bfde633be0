import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import fs from 'fs';
import path from 'path';

/**
 * Which databases the store tests run on. SQLite always; each PostgreSQL whose
 * `BACKSTAGE_TEST_DATABASE_POSTGRES<NN>_CONNECTION_STRING` is set (the test
 * command starts them). Ids whose variable is unset are left out rather than
 * handed to TestDatabases, which would try Docker under CI.
 *
 * With `OPSHUB_REQUIRE_POSTGRES=1` (set by `yarn test:all`), a missing
 * PostgreSQL is an error, so that no run can pass on SQLite alone.
 *
 * @public
 */
export function testDatabaseIds(): TestDatabaseId[] {
  const postgres = (
    [
      'POSTGRES_18',
      'POSTGRES_17',
      'POSTGRES_16',
      'POSTGRES_15',
      'POSTGRES_14',
      'POSTGRES_13',
    ] as const
  ).filter(
    id =>
      !!process.env[
        `BACKSTAGE_TEST_DATABASE_${id.replace('_', '')}_CONNECTION_STRING`
      ],
  );
  if (postgres.length === 0 && process.env.OPSHUB_REQUIRE_POSTGRES === '1') {
    throw new Error(
      'OPSHUB_REQUIRE_POSTGRES=1 but no BACKSTAGE_TEST_DATABASE_POSTGRES<NN>_CONNECTION_STRING is set',
    );
  }
  return [...postgres, 'SQLITE_3'];
}

/**
 * `TestDatabases` for the ids of {@link testDatabaseIds}, whose `init` also
 * records the id in `$OPSHUB_TEST_DB_LOG` so the test command can print which
 * databases really ran.
 *
 * @public
 */
export function createTestDatabases(): {
  databases: TestDatabases;
  ids: TestDatabaseId[];
  init: (id: TestDatabaseId) => ReturnType<TestDatabases['init']>;
} {
  const ids = testDatabaseIds();
  const databases = TestDatabases.create({ ids });
  return {
    databases,
    ids,
    async init(id) {
      const knex = await databases.init(id);
      const log = process.env.OPSHUB_TEST_DB_LOG;
      if (log) {
        const suite = path.relative(
          process.cwd(),
          expect.getState().testPath ?? 'unknown',
        );
        fs.appendFileSync(log, `${id}\t${suite}\n`);
      }
      return knex;
    },
  };
}
