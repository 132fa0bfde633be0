import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createTestDatabases } from '@opshub/opshub-node/testUtils';

jest.setTimeout(60_000);

const { ids, init } = createTestDatabases();

const config = {
  directory: resolvePackagePath(
    '@opshub/plugin-infra-health-backend',
    'migrations',
  ),
  tableName: 'knex_migrations_test',
};

const ROLLUPS = '20261202200000_rollups.js';
const SLOS = '20261202200100_slos.js';

describe.each(ids)('rollup and SLO migrations on %s', databaseId => {
  it('go up and down one step at a time', async () => {
    const knex = await init(databaseId);
    await knex.migrate.latest(config);
    expect(await knex.schema.hasTable('check_rollups')).toBe(true);
    expect(await knex.schema.hasTable('slos')).toBe(true);

    // by name, so that migrations of other features added later do not matter
    await knex.migrate.down({ ...config, name: SLOS });
    expect(await knex.schema.hasTable('slos')).toBe(false);
    expect(await knex.schema.hasTable('check_rollups')).toBe(true);

    await knex.migrate.down({ ...config, name: ROLLUPS });
    expect(await knex.schema.hasTable('check_rollups')).toBe(false);
    expect(await knex.schema.hasTable('health_samples')).toBe(true);

    await knex.migrate.up({ ...config, name: ROLLUPS });
    expect(await knex.schema.hasTable('slos')).toBe(false);
    await knex.migrate.up({ ...config, name: SLOS });
    expect(await knex.schema.hasTable('check_rollups')).toBe(true);
    expect(await knex.schema.hasTable('slos')).toBe(true);
  });
});
