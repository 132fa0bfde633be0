// Checks, over every database of one run (the names start with a prefix),
// that each knex migration is recorded once and no migration lock is left
// taken: what "migrations ran once" means for several replicas.
import pg from 'pg';

async function withClient(connectionString, fn) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * @param {string} url a connection string to the server (any database)
 * @param {string} prefix the prefix of the run's database names
 * @returns {Promise<{databases: number, migrations: number, problems: string[]}>}
 */
export async function checkMigrations(url, prefix) {
  const server = new URL(url);
  server.pathname = '/postgres';
  const databases = await withClient(server.toString(), async client => {
    const { rows } = await client.query(
      'select datname from pg_database where starts_with(datname, $1) order by 1',
      [prefix],
    );
    return rows.map(r => r.datname);
  });
  let migrations = 0;
  const problems = [];
  for (const name of databases) {
    server.pathname = `/${name}`;
    await withClient(server.toString(), async client => {
      const { rows: tables } = await client.query(
        `select table_schema, table_name from information_schema.tables
          where table_name like '%knex_migrations'`,
      );
      for (const { table_schema: schema, table_name: table } of tables) {
        const qualified = `${client.escapeIdentifier(
          schema,
        )}.${client.escapeIdentifier(table)}`;
        const { rows } = await client.query(
          `select name, count(*)::int as n from ${qualified} group by name`,
        );
        migrations += rows.length;
        for (const row of rows.filter(r => r.n > 1)) {
          problems.push(`${name}: ${row.name} recorded ${row.n} times`);
        }
        const { rows: locks } = await client.query(
          `select is_locked from ${qualified.replace(
            /"$/,
            '_lock"',
          )} where is_locked <> 0`,
        );
        if (locks.length) problems.push(`${name}: ${table}_lock still taken`);
      }
    });
  }
  return { databases: databases.length, migrations, problems };
}
