// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('deployments', table => {
    table.comment('One deployment of a service version to an environment');
    table.increments('id');
    table.string('service', 255).notNullable();
    table.string('environment', 255).notNullable();
    table.string('version', 255).notNullable();
    table.string('commit_sha', 64).nullable();
    table
      .string('status', 32)
      .notNullable()
      .comment('queued | in_progress | succeeded | failed | rolled_back');
    table
      .string('source', 32)
      .notNullable()
      .comment('webhook | manual | rollback');
    table
      .integer('rollback_of')
      .unsigned()
      .nullable()
      .references('id')
      .inTable('deployments');
    table.string('triggered_by', 255).notNullable();
    table
      .string('external_id', 255)
      .nullable()
      .comment('Id given by the CI/CD system, for idempotent webhooks');
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.index(
      ['service', 'environment', 'started_at'],
      'deployments_service_env_started_idx',
    );
    table.unique(['source', 'external_id'], {
      indexName: 'deployments_source_external_id_uq',
    });
  });

  await knex.schema.createTable('deployment_audit', table => {
    table.comment('Who did what to which deployment, append-only');
    table.increments('id');
    table
      .integer('deployment_id')
      .unsigned()
      .nullable()
      .references('id')
      .inTable('deployments');
    table.string('service', 255).notNullable();
    table.string('environment', 255).notNullable();
    table.string('actor', 255).notNullable();
    table.string('action', 64).notNullable();
    table.text('details').nullable().comment('JSON');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['service', 'created_at'], 'deployment_audit_service_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('deployment_audit');
  await knex.schema.dropTable('deployments');
};
