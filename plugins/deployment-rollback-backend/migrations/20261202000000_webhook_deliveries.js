// @ts-check

/**
 * Webhook deliveries, stored before they are answered and processed from
 * here, so that a crash between the answer and the processing loses nothing.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('webhook_deliveries', table => {
    table.comment('Every verified webhook delivery, processed from here');
    table.increments('id');
    table
      .string('provider', 32)
      .notNullable()
      .comment('github | gitlab | argocd | generic');
    table
      .string('delivery_key', 255)
      .notNullable()
      .comment("The provider's delivery id, or a key derived from the body");
    table.string('event', 128).notNullable();
    table.boolean('verified').notNullable();
    table
      .string('outcome', 16)
      .notNullable()
      .comment('pending | processed | rejected | ignored | failed');
    table.text('error').nullable();
    table.integer('attempts').notNullable().defaultTo(0);
    table.json('payload').nullable();
    table.timestamp('received_at', { useTz: true }).notNullable();
    table.timestamp('processed_at', { useTz: true }).nullable();
    table.unique(['provider', 'delivery_key'], {
      indexName: 'webhook_deliveries_provider_key_uq',
    });
    table.index(['outcome', 'id'], 'webhook_deliveries_outcome_idx');
    table.index(['received_at'], 'webhook_deliveries_received_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('webhook_deliveries');
};
