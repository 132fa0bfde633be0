// @ts-check

/**
 * The start of the release-orchestration model: clusters and the customers
 * (tenants) that live in their namespaces. Releases, step templates and
 * customer steps are added by later migrations; never edit this one.
 *
 * Rows are soft-deleted (`deleted_at`) so that the steps of past releases keep
 * pointing at the customer they ran for. The unique indexes are partial
 * (`where deleted_at is null`, on PostgreSQL and SQLite), so a name or a
 * namespace can be used again after a soft delete.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('clusters', table => {
    table.comment('Kubernetes clusters that releases are rolled out to');
    table.increments('id');
    table
      .string('name', 255)
      .notNullable()
      .comment(
        'Value of the opshub.io/release-cluster annotation, e.g. eu-west-1',
      );
    table.string('display_name', 255).notNullable();
    table.text('description').nullable();
    table.string('region', 64).nullable();
    table
      .string('catalog_entity_ref', 255)
      .nullable()
      .comment('The catalog Resource, e.g. resource:default/cluster-eu-west');
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    table.timestamp('deleted_at', { useTz: true }).nullable();
    table.unique(['name'], {
      indexName: 'clusters_name_uq',
      predicate: knex.whereNull('deleted_at'),
    });
  });

  await knex.schema.createTable('customers', table => {
    table.comment('Customers (tenants), each in one namespace of one cluster');
    table.increments('id');
    table
      .integer('cluster_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('clusters')
      .onDelete('RESTRICT');
    table.string('name', 255).notNullable();
    table.string('namespace', 255).notNullable();
    table.string('catalog_entity_ref', 255).nullable();
    table
      .boolean('is_active')
      .notNullable()
      .defaultTo(true)
      .comment('Inactive customers are left out of new releases');
    table.text('notes').nullable();
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    table.timestamp('deleted_at', { useTz: true }).nullable();
    table.index(['cluster_id'], 'customers_cluster_id_idx');
    table.unique(['cluster_id', 'namespace'], {
      indexName: 'customers_cluster_namespace_uq',
      predicate: knex.whereNull('deleted_at'),
    });
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('customers');
  await knex.schema.dropTable('clusters');
};
