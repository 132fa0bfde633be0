// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('inspector_activity', table => {
    table.comment('Who looked at which environment, append-only');
    table.increments('id');
    table.string('actor', 255).notNullable();
    table.string('action', 64).notNullable().comment('e.g. tables.list');
    table.string('environment', 255).nullable();
    table.text('details').nullable().comment('JSON');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['created_at'], 'inspector_activity_created_at_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('inspector_activity');
};
