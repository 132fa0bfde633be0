// @ts-check

/**
 * Check kinds, checks managed through the API, flap tolerance, maintenance
 * windows, runbooks and the claim-based schedule (issue 9).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('health_checks', table => {
    table
      .string('kind', 16)
      .notNullable()
      .defaultTo('http')
      .comment('http | tcp | tls | postgres');
    table
      .string('source', 16)
      .notNullable()
      .defaultTo('config')
      .comment('config (read-only through the API) | api');
    table
      .text('settings')
      .nullable()
      .comment('JSON: kind-specific settings without secrets');
    table
      .text('secrets')
      .nullable()
      .comment('JSON: request header values; never returned');
    table.integer('failure_threshold').notNullable().defaultTo(1);
    table.integer('success_threshold').notNullable().defaultTo(1);
    table.text('runbook_url').nullable();
    table
      .text('maintenance_windows')
      .nullable()
      .comment('JSON: [{start, end, reason?}]');
    table
      .string('effective_status', 16)
      .notNullable()
      .defaultTo('unknown')
      .comment(
        'flap-tolerant status: healthy | degraded | unhealthy | unknown',
      );
    table
      .string('notified_status', 16)
      .notNullable()
      .defaultTo('unknown')
      .comment('the effective status last announced (not during maintenance)');
    table.integer('consecutive_failures').notNullable().defaultTo(0);
    table.integer('consecutive_successes').notNullable().defaultTo(0);
    table.timestamp('status_changed_at', { useTz: true }).nullable();
    table
      .bigInteger('next_run_ms')
      .nullable()
      .comment('epoch ms when the check is due; null: due now');
    table.index(['next_run_ms'], 'health_checks_next_run_idx');
  });
  await knex.schema.alterTable('health_samples', table => {
    table.text('detail').nullable();
    table.integer('cert_days_left').nullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('health_samples', table => {
    table.dropColumn('cert_days_left');
    table.dropColumn('detail');
  });
  // API checks and non-HTTP checks have no place in the old schema
  const gone = () =>
    knex('health_checks')
      .select('id')
      .where('source', 'api')
      .orWhereNot('kind', 'http');
  await knex('health_samples').whereIn('check_id', gone()).delete();
  await knex('health_checks').whereIn('id', gone()).delete();
  // SQLite drops a column by copying the table into a new one; dropping the
  // old health_checks then cascades to every sample (the foreign_keys
  // pragma cannot be turned off inside the migration's transaction), so the
  // samples are kept aside and put back
  const sqlite = String(knex.client.config.client).includes('sqlite');
  const samples = sqlite ? await knex('health_samples').select('*') : [];
  await knex.schema.alterTable('health_checks', table => {
    table.dropIndex(['next_run_ms'], 'health_checks_next_run_idx');
  });
  await knex.schema.alterTable('health_checks', table => {
    for (const column of [
      'kind',
      'source',
      'settings',
      'secrets',
      'failure_threshold',
      'success_threshold',
      'runbook_url',
      'maintenance_windows',
      'effective_status',
      'notified_status',
      'consecutive_failures',
      'consecutive_successes',
      'status_changed_at',
      'next_run_ms',
    ]) {
      table.dropColumn(column);
    }
  });
  if (sqlite && samples.length > 0) {
    await knex('health_samples').delete();
    // within SQLite's 500-term compound SELECT limit
    for (let i = 0; i < samples.length; i += 400) {
      await knex('health_samples').insert(samples.slice(i, i + 400));
    }
  }
};
