// @ts-check

/**
 * Free-form `metadata` (a JSON object, `{}` by default) on clusters, customers
 * and releases, and the `kubeconfig_path` of a cluster (a path under the
 * configured `releaseOrchestration.kubeconfigRoot`, checked by the backend).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('clusters', table => {
    table.json('metadata').notNullable().defaultTo('{}');
    table
      .string('kubeconfig_path', 1024)
      .nullable()
      .comment(
        'Relative to, or absolute under, releaseOrchestration.kubeconfigRoot',
      );
  });
  for (const name of ['customers', 'releases']) {
    await knex.schema.alterTable(name, table => {
      table.json('metadata').notNullable().defaultTo('{}');
    });
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  // Knex drops a SQLite column by copying the table, which fails while other
  // tables reference it; SQLite 3.35+ drops it in place.
  const sqlite = String(knex.client.config.client).includes('sqlite');
  const columns = [
    ['releases', 'metadata'],
    ['customers', 'metadata'],
    ['clusters', 'kubeconfig_path'],
    ['clusters', 'metadata'],
  ];
  for (const [table, column] of columns) {
    if (sqlite) {
      await knex.raw('ALTER TABLE ?? DROP COLUMN ??', [table, column]);
    } else {
      await knex.schema.alterTable(table, t => {
        t.dropColumn(column);
      });
    }
  }
};
