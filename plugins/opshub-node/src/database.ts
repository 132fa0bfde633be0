import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

/** @public */
export interface MigrateAndConnectOptions {
  database: DatabaseService;
  /** The backend package that owns the `migrations/` folder. */
  packageName: string;
}

/** How long a replica waits for another one's migrations (PostgreSQL). */
const MIGRATION_LOCK_TIMEOUT = '5min';

function isPostgres(client: Knex): boolean {
  const dialect = client.client.config.client;
  return (
    typeof dialect === 'string' &&
    ['pg', 'postgres', 'postgresql'].includes(dialect)
  );
}

/**
 * Returns the plugin's Knex client after running its migrations, unless the
 * deployment asked to skip them (`backend.database.plugin.<id>.skipMigrations`
 * or `migrations.skip`).
 *
 * On PostgreSQL, several replicas starting at once take turns: each holds a
 * transaction-level advisory lock on the migrations table's name while it
 * migrates, so the others wait for it and then find nothing to do. Knex's own
 * lock does not wait: a second replica would fail with "Migration table is
 * already locked", or race to create the migrations table ("already exists").
 * The lock is held on one pooled connection while the migrations use another,
 * so the pool needs at least two connections (Knex's default is 2 to 10).
 *
 * @public
 */
export async function migrateAndConnect(
  options: MigrateAndConnectOptions,
): Promise<Knex> {
  const { database, packageName } = options;
  const client = await database.getClient();
  if (database.migrations?.skip) {
    return client;
  }
  // each plugin has its own database, but when they share one (sqlite in
  // tests, pluginDivisionMode: schema) the table names must not collide
  const tableName = `knex_migrations_${packageName.replace(
    /[^a-z0-9]+/gi,
    '_',
  )}`;
  const migrate = () =>
    client.migrate.latest({
      directory: resolvePackagePath(packageName, 'migrations'),
      tableName,
    });
  if (!isPostgres(client)) {
    await migrate();
    return client;
  }
  await client.transaction(async tx => {
    await tx.raw(`SET LOCAL lock_timeout = '${MIGRATION_LOCK_TIMEOUT}'`);
    await tx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [
      `opshub-migrations:${tableName}`,
    ]);
    await migrate();
  });
  return client;
}
