// @ts-check

/**
 * Preview environments per pull request. One row per service and pull
 * request: a new head commit redeploys it, closing tears it down. `generation`
 * grows with every webhook, so an executor call that finishes after a newer
 * webhook cannot overwrite what the newer one asked for.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('previews', table => {
    table.increments('id').primary();
    table.string('service', 255).notNullable();
    table.string('repository', 255).notNullable();
    table.integer('pull_request').notNullable();
    table.text('title').nullable();
    table.string('branch', 255).notNullable();
    table.string('commit_sha', 64).notNullable();
    table.string('author', 255).nullable();
    table.string('state', 32).notNullable();
    table.string('url', 2048).nullable();
    table.string('executor', 64).nullable();
    table.string('external_id', 255).nullable();
    table.text('error').nullable();
    table.integer('generation').notNullable().defaultTo(1);
    table
      .timestamp('claimed_at', { useTz: true })
      .nullable()
      .comment('When an instance started the pending executor call');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.unique(['service', 'pull_request'], {
      indexName: 'previews_service_pr_uq',
    });
    table.index(['state'], 'previews_state_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('previews');
};
