// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('health_checks', table => {
    table.comment('HTTP health checks, synced from infraHealth.checks');
    table.increments('id');
    table.string('name', 255).notNullable().unique({
      indexName: 'health_checks_name_uq',
    });
    table.string('service', 255).notNullable();
    table.text('url').notNullable();
    table.string('method', 16).notNullable().defaultTo('GET');
    table.integer('expected_status').notNullable().defaultTo(200);
    table.integer('interval_seconds').notNullable().defaultTo(30);
    table.integer('timeout_ms').notNullable().defaultTo(5000);
    table.integer('degraded_latency_ms').notNullable().defaultTo(1000);
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['service'], 'health_checks_service_idx');
  });

  await knex.schema.createTable('health_samples', table => {
    table.comment('One probe of a health check');
    table.increments('id');
    table
      .integer('check_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('health_checks')
      .onDelete('CASCADE');
    table.string('status', 16).notNullable().comment('up | degraded | down');
    table.integer('latency_ms').notNullable();
    table.integer('http_status').nullable();
    table.text('error').nullable();
    table.timestamp('sampled_at', { useTz: true }).notNullable();
    table.index(['check_id', 'sampled_at'], 'health_samples_check_sampled_idx');
    table.index(['sampled_at'], 'health_samples_sampled_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('health_samples');
  await knex.schema.dropTable('health_checks');
};
