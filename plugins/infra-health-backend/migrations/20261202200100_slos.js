// @ts-check

/**
 * SLOs: synced from infraHealth.slos (origin config, read-only) or created
 * through the API (origin api).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('slos', table => {
    table.comment('Service level objectives');
    table.increments('id');
    table
      .string('name', 255)
      .notNullable()
      .unique({ indexName: 'slos_name_uq' });
    table.string('service', 255).notNullable();
    table.double('objective').notNullable().comment('percent, e.g. 99.9');
    table.string('window', 16).notNullable().comment('e.g. 30d');
    table.string('source', 16).notNullable().comment('prometheus | checks');
    table.text('good').nullable().comment('PromQL counter selector');
    table.text('total').nullable().comment('PromQL counter selector');
    table.string('origin', 16).notNullable().comment('config | api');
    table.string('created_by', 255).nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['service'], 'slos_service_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('slos');
};
