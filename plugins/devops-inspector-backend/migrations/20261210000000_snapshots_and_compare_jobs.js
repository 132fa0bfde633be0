// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('compare_jobs', table => {
    table.comment('Schema comparisons running in the background');
    table.uuid('id').primary();
    table
      .string('state', 16)
      .notNullable()
      .comment('running, succeeded, failed or cancelled');
    table
      .string('created_by', 255)
      .notNullable()
      .comment('entity ref of the caller; only they can see the job');
    table.text('request').notNullable().comment('JSON { source, targets }');
    table
      .text('progress')
      .notNullable()
      .comment('JSON { phase, completed, total, message }');
    table.text('error').nullable();
    table
      .binary('result')
      .nullable()
      .comment('gzip-compressed JSON of the MultiCompareResult');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .comment('last progress or heartbeat of the running backend');
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.index(['state', 'finished_at'], 'compare_jobs_state_finished_idx');
  });

  await knex.schema.createTable('schema_snapshots', table => {
    table.comment('Introspected schemas of the environments, compressed');
    table.uuid('id').primary();
    table.string('environment', 255).notNullable();
    table.string('label', 255).nullable();
    table.timestamp('taken_at', { useTz: true }).notNullable();
    table.string('taken_by', 255).notNullable();
    table.integer('object_count').notNullable();
    table.integer('size_bytes').notNullable();
    table
      .binary('content')
      .notNullable()
      .comment('gzip-compressed JSON of the CatalogSnapshot');
    table.index(
      ['environment', 'taken_at'],
      'schema_snapshots_environment_taken_at_idx',
    );
  });

  await knex.schema.createTable('drift_checks', table => {
    table.comment('Scheduled comparisons of a snapshot with the previous one');
    table.uuid('id').primary();
    table.string('environment', 255).notNullable();
    table
      .uuid('snapshot_id')
      .notNullable()
      .references('id')
      .inTable('schema_snapshots')
      .onDelete('CASCADE');
    table
      .uuid('previous_snapshot_id')
      .notNullable()
      .references('id')
      .inTable('schema_snapshots')
      .onDelete('CASCADE');
    table.timestamp('checked_at', { useTz: true }).notNullable();
    table.text('summary').notNullable().comment('JSON CompareSummary');
    table.boolean('breaking').notNullable();
    table.index(
      ['environment', 'checked_at'],
      'drift_checks_environment_checked_at_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('drift_checks');
  await knex.schema.dropTable('schema_snapshots');
  await knex.schema.dropTable('compare_jobs');
};
