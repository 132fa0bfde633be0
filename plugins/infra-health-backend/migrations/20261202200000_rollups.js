// @ts-check

/**
 * Hourly rollups of the health samples, kept longer than the raw samples.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('check_rollups', table => {
    table.comment(
      'One hour of a health check: sample counts and latency percentiles',
    );
    table
      .integer('check_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('health_checks')
      .onDelete('CASCADE');
    table
      .timestamp('hour', { useTz: true })
      .notNullable()
      .comment('start of the hour (UTC)');
    table.integer('sample_count').notNullable();
    table.integer('up_count').notNullable();
    table.integer('degraded_count').notNullable();
    table
      .integer('latency_p50_ms')
      .nullable()
      .comment('over the samples that were not down');
    table.integer('latency_p95_ms').nullable();
    table.primary(['check_id', 'hour'], 'check_rollups_pk');
    table.index(['hour'], 'check_rollups_hour_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('check_rollups');
};
