// @ts-check

/**
 * Alerts received from Alertmanager (one row per fingerprint + startsAt) and
 * their escalations to Slack or PagerDuty.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('health_alerts', table => {
    table.comment('Alerts received from Alertmanager');
    table.increments('id');
    table.string('fingerprint', 128).notNullable();
    table.timestamp('starts_at', { useTz: true }).notNullable();
    table.timestamp('ends_at', { useTz: true }).nullable();
    table.string('alertname', 255).notNullable();
    table.string('service', 255).nullable();
    table.string('severity', 64).nullable();
    table.text('summary').nullable();
    table.text('description').nullable();
    table.text('labels').notNullable().comment('JSON object of strings');
    table.text('annotations').notNullable().comment('JSON object of strings');
    table.text('generator_url').nullable();
    table.text('runbook_url').nullable();
    table.text('dashboard_url').nullable();
    table
      .string('state', 16)
      .notNullable()
      .comment(
        'firing | acknowledged | resolved; acknowledged with ack_until in the past reads as firing',
      );
    table.string('acknowledged_by', 255).nullable();
    table.timestamp('acknowledged_at', { useTz: true }).nullable();
    table.text('ack_comment').nullable();
    table.timestamp('ack_until', { useTz: true }).nullable();
    table.string('resolved_by', 255).nullable();
    table.timestamp('resolved_at', { useTz: true }).nullable();
    table.text('resolve_comment').nullable();
    table.timestamp('last_received_at', { useTz: true }).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.unique(['fingerprint', 'starts_at'], {
      indexName: 'health_alerts_identity_uq',
    });
    table.index(['state', 'starts_at'], 'health_alerts_state_idx');
    table.index(['service', 'starts_at'], 'health_alerts_service_idx');
    table.index(['starts_at'], 'health_alerts_starts_idx');
  });

  await knex.schema.createTable('health_alert_escalations', table => {
    table.comment('Escalations of alerts to Slack or PagerDuty');
    table.increments('id');
    table
      .integer('alert_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('health_alerts')
      .onDelete('CASCADE');
    table.string('target', 16).notNullable().comment('slack | pagerduty');
    table.text('note').nullable();
    table.string('actor', 255).notNullable();
    table.string('outcome', 16).notNullable().comment('sent | failed');
    table.text('error').nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['alert_id', 'id'], 'health_alert_escalations_alert_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('health_alert_escalations');
  await knex.schema.dropTable('health_alerts');
};
