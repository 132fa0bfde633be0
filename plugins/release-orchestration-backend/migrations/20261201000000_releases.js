// @ts-check

/**
 * Releases, their step templates, the steps copied to each customer, and the
 * history of every step. Also adds the optimistic-concurrency `version`
 * column to clusters and customers.
 *
 * Every mutable row carries `version` (starting at 1); writes use
 * `WHERE id = ? AND version = ?` and bump it, so a stale write changes no row
 * and is refused with 409.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('clusters', table => {
    table.integer('version').notNullable().defaultTo(1);
  });
  await knex.schema.alterTable('customers', table => {
    table.integer('version').notNullable().defaultTo(1);
  });

  await knex.schema.createTable('releases', table => {
    table.comment('Releases: onboarding, release or hotfix');
    table.increments('id');
    table.string('name', 255).notNullable();
    table.string('type', 16).notNullable().comment('onboarding|release|hotfix');
    table
      .string('status', 16)
      .notNullable()
      .defaultTo('draft')
      .comment('draft|active|archived');
    table.string('version_number', 64).nullable();
    table.string('release_date', 10).nullable().comment('YYYY-MM-DD');
    table.text('description').nullable();
    table
      .string('catalog_entity_ref', 255)
      .nullable()
      .comment('The Component or System shipped, e.g. component:default/x');
    table.string('created_by', 255).nullable();
    table.timestamp('activated_at', { useTz: true }).nullable();
    table.timestamp('archived_at', { useTz: true }).nullable();
    table.integer('version').notNullable().defaultTo(1);
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    table.index(['status'], 'releases_status_idx');
  });

  await knex.schema.createTable('release_customers', table => {
    table.comment('The customers taking part in a release');
    table
      .integer('release_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('releases')
      .onDelete('CASCADE');
    table
      .integer('customer_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('customers')
      .onDelete('RESTRICT');
    table.string('added_by', 255).nullable();
    table
      .timestamp('added_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    table.primary(['release_id', 'customer_id'], 'release_customers_pk');
    table.index(['customer_id'], 'release_customers_customer_idx');
  });

  await knex.schema.createTable('step_templates', table => {
    table.comment('Steps every customer of a release runs');
    table.increments('id');
    table
      .integer('release_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('releases')
      .onDelete('CASCADE');
    table.string('name', 255).notNullable();
    table.string('category', 16).notNullable().comment('deploy|verify');
    table.string('type', 16).notNullable().comment('bash|sql|text');
    table.text('content').notNullable();
    table.text('description').nullable();
    table.integer('order_index').notNullable();
    table.integer('version').notNullable().defaultTo(1);
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    table.unique(['release_id', 'category', 'order_index'], {
      indexName: 'step_templates_order_uq',
    });
  });

  await knex.schema.createTable('customer_steps', table => {
    table.comment('The steps of one customer in one release (copied content)');
    table.increments('id');
    table
      .integer('release_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('releases')
      .onDelete('CASCADE');
    table
      .integer('customer_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('customers')
      .onDelete('RESTRICT');
    table
      .integer('template_id')
      .unsigned()
      .nullable()
      .references('id')
      .inTable('step_templates')
      .onDelete('SET NULL');
    table.string('name', 255).notNullable();
    table.string('category', 16).notNullable();
    table.string('type', 16).notNullable();
    table.text('content').notNullable();
    table.integer('order_index').notNullable();
    table
      .string('status', 16)
      .notNullable()
      .defaultTo('pending')
      .comment('pending|done|skipped|reverted');
    table.timestamp('executed_at', { useTz: true }).nullable();
    table
      .string('executed_by', 255)
      .nullable()
      .comment('User entity ref from the Backstage identity');
    table.text('skip_reason').nullable();
    table.text('notes').nullable();
    table.boolean('is_custom').notNullable().defaultTo(false);
    table.boolean('is_overridden').notNullable().defaultTo(false);
    table.integer('version').notNullable().defaultTo(1);
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    // Also the index of (release_id, customer_id) for the matrix and progress.
    // Custom steps have a null template_id, which never collides.
    table.unique(['release_id', 'customer_id', 'template_id'], {
      indexName: 'customer_steps_release_customer_template_uq',
    });
    table.index(['template_id'], 'customer_steps_template_idx');
    table.index(['customer_id'], 'customer_steps_customer_idx');
  });

  await knex.schema.createTable('step_events', table => {
    table.comment('History of customer steps: status changes and overrides');
    table.bigIncrements('id');
    table
      .integer('step_id')
      .unsigned()
      .nullable()
      .references('id')
      .inTable('customer_steps')
      .onDelete('SET NULL');
    table
      .integer('release_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('releases')
      .onDelete('CASCADE');
    table.integer('customer_id').unsigned().notNullable();
    table
      .string('kind', 16)
      .notNullable()
      .comment('created|status|override|reset|template|deleted');
    table.string('actor', 255).notNullable();
    table
      .timestamp('at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    table.string('from_status', 16).nullable();
    table.string('to_status', 16).nullable();
    table.text('note').nullable();
    table.text('content_before').nullable();
    table.text('content_after').nullable();
    table.index(['step_id'], 'step_events_step_idx');
    table.index(['release_id', 'id'], 'step_events_release_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('step_events');
  await knex.schema.dropTable('customer_steps');
  await knex.schema.dropTable('step_templates');
  await knex.schema.dropTable('release_customers');
  await knex.schema.dropTable('releases');
  // Knex drops a SQLite column by copying the table, which fails while
  // customers reference clusters; SQLite 3.35+ drops it in place.
  const sqlite = String(knex.client.config.client).includes('sqlite');
  for (const table of ['customers', 'clusters']) {
    if (sqlite) {
      await knex.raw('ALTER TABLE ?? DROP COLUMN ??', [table, 'version']);
    } else {
      await knex.schema.alterTable(table, t => {
        t.dropColumn('version');
      });
    }
  }
};
