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

/**
 * Returns the plugin's Knex client after running its migrations, unless the
 * deployment asked to skip them (`backend.database.plugin.<id>.skipMigrations`
 * or `migrations.skip`).
 *
 * @public
 */
export async function migrateAndConnect(
  options: MigrateAndConnectOptions,
): Promise<Knex> {
  const { database, packageName } = options;
  const client = await database.getClient();
  if (!database.migrations?.skip) {
    await client.migrate.latest({
      directory: resolvePackagePath(packageName, 'migrations'),
      // each plugin has its own database, but when they share one (sqlite in
      // tests, pluginDivisionMode: schema) the table names must not collide
      tableName: `knex_migrations_${packageName.replace(/[^a-z0-9]+/gi, '_')}`,
    });
  }
  return client;
}
