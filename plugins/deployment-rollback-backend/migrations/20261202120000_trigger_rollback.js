// @ts-check

/**
 * Deployments started from OpsHub: the link and reason of a deployment, the
 * message of its outcome, and one deployment in flight per service and
 * environment, enforced by a partial unique index so that concurrent
 * triggers and rollbacks cannot both start.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('deployments', table => {
    table
      .string('executor_ref', 255)
      .nullable()
      .comment("The executor's id of the run, for status() polling");
    table.string('url', 2048).nullable();
    table.text('reason').nullable();
    table
      .text('message')
      .nullable()
      .comment('Why it failed, or the status reported by the provider');
  });

  // rows written before the index: keep the newest in-flight deployment of
  // each service and environment, and mark the older ones superseded
  const inFlight = await knex('deployments')
    .whereIn('status', ['queued', 'in_progress'])
    .orderBy([
      { column: 'started_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .select('id', 'service', 'environment');
  const seen = new Set();
  const stale = [];
  for (const row of inFlight) {
    const key = JSON.stringify([row.service, row.environment]);
    if (seen.has(key)) {
      stale.push(row.id);
    } else {
      seen.add(key);
    }
  }
  for (let i = 0; i < stale.length; i += 500) {
    await knex('deployments')
      .whereIn('id', stale.slice(i, i + 500))
      .update({ status: 'superseded', finished_at: new Date() });
  }

  // a constant predicate (SQLite prohibits bound parameters in it)
  await knex.raw(
    "CREATE UNIQUE INDEX deployments_in_flight_uq ON deployments (service, environment) WHERE status IN ('queued', 'in_progress')",
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.raw('DROP INDEX deployments_in_flight_uq');
  await knex.schema.alterTable('deployments', table => {
    table.dropColumn('executor_ref');
    table.dropColumn('url');
    table.dropColumn('reason');
    table.dropColumn('message');
  });
};
