// @ts-check

/**
 * Activation inserts 100,000 customer steps at once. PostgreSQL checks a
 * foreign key with one trigger call and one index probe per inserted row, so
 * the three foreign keys of `customer_steps` (release, customer, template)
 * tripled the cost of the INSERT … SELECT (see the backend README).
 *
 * On PostgreSQL this migration replaces them with triggers that keep the same
 * rules, set-based:
 *
 * - after each INSERT statement on `customer_steps`, one check over the new
 *   rows (a transition table): every distinct release, customer and template
 *   they name must exist; those parent rows are locked `FOR KEY SHARE` first,
 *   exactly as PostgreSQL's own foreign-key check locks them, so a concurrent
 *   delete of a parent either waits for this transaction or has already
 *   happened and makes the check fail (`foreign_key_violation`, 23503);
 * - an UPDATE that changes one of the three columns to another value is
 *   checked row by row (a rare write; the `WHEN` clause keeps other updates
 *   free);
 * - after each DELETE statement on a parent: releases cascade to their steps,
 *   deleted templates leave their steps with `template_id` null, and deleting
 *   a customer that still has steps fails (the old ON DELETE actions);
 *   changing a referenced parent id fails.
 *
 * SQLite keeps its foreign keys: it is not where the bulk performance is
 * promised, and dropping a SQLite foreign key means rebuilding the table.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (!isPostgres(knex)) {
    return;
  }
  await knex.raw(`
    ALTER TABLE customer_steps
      DROP CONSTRAINT customer_steps_release_id_foreign,
      DROP CONSTRAINT customer_steps_customer_id_foreign,
      DROP CONSTRAINT customer_steps_template_id_foreign
  `);

  // -- child side: inserts, checked once per statement -----------------------
  // One pass over the new rows collects the distinct keys (hashed grouping
  // sets); each parent table is then probed once with = ANY(keys), locking
  // the rows it finds. A missing parent shows as fewer rows than keys.
  await knex.raw(`
    CREATE FUNCTION ro_customer_steps_check_insert() RETURNS trigger
    LANGUAGE plpgsql AS $fn$
    DECLARE
      release_ids integer[];
      customer_ids integer[];
      template_ids integer[];
      found integer;
    BEGIN
      SELECT array_agg(k.release_id) FILTER (WHERE k.g = 3),
             array_agg(k.customer_id) FILTER (WHERE k.g = 5),
             array_agg(k.template_id)
               FILTER (WHERE k.g = 6 AND k.template_id IS NOT NULL)
        INTO release_ids, customer_ids, template_ids
        FROM (
          SELECT release_id, customer_id, template_id,
                 GROUPING(release_id, customer_id, template_id) AS g
            FROM ro_new_steps
           GROUP BY GROUPING SETS ((release_id), (customer_id), (template_id))
        ) k;

      SELECT count(*) INTO found FROM (
        SELECT 1 FROM releases p WHERE p.id = ANY(release_ids)
        FOR KEY SHARE OF p
      ) locked;
      IF found <> coalesce(cardinality(release_ids), 0) THEN
        RAISE EXCEPTION 'customer_steps: release does not exist'
          USING ERRCODE = 'foreign_key_violation',
                CONSTRAINT = 'customer_steps_release_id_check';
      END IF;

      SELECT count(*) INTO found FROM (
        SELECT 1 FROM customers p WHERE p.id = ANY(customer_ids)
        FOR KEY SHARE OF p
      ) locked;
      IF found <> coalesce(cardinality(customer_ids), 0) THEN
        RAISE EXCEPTION 'customer_steps: customer does not exist'
          USING ERRCODE = 'foreign_key_violation',
                CONSTRAINT = 'customer_steps_customer_id_check';
      END IF;

      SELECT count(*) INTO found FROM (
        SELECT 1 FROM step_templates p WHERE p.id = ANY(template_ids)
        FOR KEY SHARE OF p
      ) locked;
      IF found <> coalesce(cardinality(template_ids), 0) THEN
        RAISE EXCEPTION 'customer_steps: step template does not exist'
          USING ERRCODE = 'foreign_key_violation',
                CONSTRAINT = 'customer_steps_template_id_check';
      END IF;
      RETURN NULL;
    END
    $fn$
  `);
  await knex.raw(`
    CREATE TRIGGER ro_customer_steps_check_insert
      AFTER INSERT ON customer_steps
      REFERENCING NEW TABLE AS ro_new_steps
      FOR EACH STATEMENT EXECUTE FUNCTION ro_customer_steps_check_insert()
  `);

  // -- child side: updates that change a reference, row by row --------------
  await knex.raw(`
    CREATE FUNCTION ro_customer_steps_check_update() RETURNS trigger
    LANGUAGE plpgsql AS $fn$
    BEGIN
      PERFORM 1 FROM releases WHERE id = NEW.release_id FOR KEY SHARE;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'customer_steps: release % does not exist', NEW.release_id
          USING ERRCODE = 'foreign_key_violation',
                CONSTRAINT = 'customer_steps_release_id_check';
      END IF;
      PERFORM 1 FROM customers WHERE id = NEW.customer_id FOR KEY SHARE;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'customer_steps: customer % does not exist', NEW.customer_id
          USING ERRCODE = 'foreign_key_violation',
                CONSTRAINT = 'customer_steps_customer_id_check';
      END IF;
      IF NEW.template_id IS NOT NULL THEN
        PERFORM 1 FROM step_templates WHERE id = NEW.template_id FOR KEY SHARE;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'customer_steps: step template % does not exist', NEW.template_id
            USING ERRCODE = 'foreign_key_violation',
                  CONSTRAINT = 'customer_steps_template_id_check';
        END IF;
      END IF;
      RETURN NULL;
    END
    $fn$
  `);
  await knex.raw(`
    CREATE TRIGGER ro_customer_steps_check_update
      AFTER UPDATE OF release_id, customer_id, template_id ON customer_steps
      FOR EACH ROW
      WHEN (
        OLD.release_id IS DISTINCT FROM NEW.release_id
        OR OLD.customer_id IS DISTINCT FROM NEW.customer_id
        OR (NEW.template_id IS NOT NULL
            AND OLD.template_id IS DISTINCT FROM NEW.template_id)
      )
      EXECUTE FUNCTION ro_customer_steps_check_update()
  `);

  // -- parent side: the old ON DELETE actions, once per statement ------------
  await knex.raw(`
    CREATE FUNCTION ro_releases_delete_steps() RETURNS trigger
    LANGUAGE plpgsql AS $fn$
    BEGIN
      DELETE FROM customer_steps
      WHERE release_id IN (SELECT id FROM ro_old_parents);
      RETURN NULL;
    END
    $fn$
  `);
  await knex.raw(`
    CREATE TRIGGER ro_releases_delete_steps
      AFTER DELETE ON releases
      REFERENCING OLD TABLE AS ro_old_parents
      FOR EACH STATEMENT EXECUTE FUNCTION ro_releases_delete_steps()
  `);
  await knex.raw(`
    CREATE FUNCTION ro_step_templates_detach_steps() RETURNS trigger
    LANGUAGE plpgsql AS $fn$
    BEGIN
      UPDATE customer_steps SET template_id = NULL
      WHERE template_id IN (SELECT id FROM ro_old_parents);
      RETURN NULL;
    END
    $fn$
  `);
  await knex.raw(`
    CREATE TRIGGER ro_step_templates_detach_steps
      AFTER DELETE ON step_templates
      REFERENCING OLD TABLE AS ro_old_parents
      FOR EACH STATEMENT EXECUTE FUNCTION ro_step_templates_detach_steps()
  `);
  await knex.raw(`
    CREATE FUNCTION ro_customers_restrict_steps() RETURNS trigger
    LANGUAGE plpgsql AS $fn$
    BEGIN
      IF EXISTS (
        SELECT 1 FROM customer_steps
        WHERE customer_id IN (SELECT id FROM ro_old_parents)
      ) THEN
        RAISE EXCEPTION 'customers: still referenced by customer_steps'
          USING ERRCODE = 'foreign_key_violation',
                CONSTRAINT = 'customer_steps_customer_id_check';
      END IF;
      RETURN NULL;
    END
    $fn$
  `);
  await knex.raw(`
    CREATE TRIGGER ro_customers_restrict_steps
      AFTER DELETE ON customers
      REFERENCING OLD TABLE AS ro_old_parents
      FOR EACH STATEMENT EXECUTE FUNCTION ro_customers_restrict_steps()
  `);

  // -- parent side: a referenced id never changes ----------------------------
  await knex.raw(`
    CREATE FUNCTION ro_parent_id_fixed() RETURNS trigger
    LANGUAGE plpgsql AS $fn$
    BEGIN
      IF EXISTS (
        SELECT 1 FROM customer_steps s
        WHERE (TG_TABLE_NAME = 'releases' AND s.release_id = OLD.id)
           OR (TG_TABLE_NAME = 'customers' AND s.customer_id = OLD.id)
           OR (TG_TABLE_NAME = 'step_templates' AND s.template_id = OLD.id)
      ) THEN
        RAISE EXCEPTION '%: id % is referenced by customer_steps', TG_TABLE_NAME, OLD.id
          USING ERRCODE = 'foreign_key_violation';
      END IF;
      RETURN NULL;
    END
    $fn$
  `);
  for (const table of ['releases', 'customers', 'step_templates']) {
    await knex.raw(
      `CREATE TRIGGER ro_parent_id_fixed AFTER UPDATE OF id ON ??
         FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id)
         EXECUTE FUNCTION ro_parent_id_fixed()`,
      [table],
    );
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (!isPostgres(knex)) {
    return;
  }
  for (const table of ['releases', 'customers', 'step_templates']) {
    await knex.raw('DROP TRIGGER ro_parent_id_fixed ON ??', [table]);
  }
  await knex.raw(`
    DROP TRIGGER ro_customers_restrict_steps ON customers;
    DROP TRIGGER ro_step_templates_detach_steps ON step_templates;
    DROP TRIGGER ro_releases_delete_steps ON releases;
    DROP TRIGGER ro_customer_steps_check_update ON customer_steps;
    DROP TRIGGER ro_customer_steps_check_insert ON customer_steps;
    DROP FUNCTION ro_parent_id_fixed();
    DROP FUNCTION ro_customers_restrict_steps();
    DROP FUNCTION ro_step_templates_detach_steps();
    DROP FUNCTION ro_releases_delete_steps();
    DROP FUNCTION ro_customer_steps_check_update();
    DROP FUNCTION ro_customer_steps_check_insert();
  `);
  await knex.schema.alterTable('customer_steps', table => {
    table
      .foreign('release_id', 'customer_steps_release_id_foreign')
      .references('id')
      .inTable('releases')
      .onDelete('CASCADE');
    table
      .foreign('customer_id', 'customer_steps_customer_id_foreign')
      .references('id')
      .inTable('customers')
      .onDelete('RESTRICT');
    table
      .foreign('template_id', 'customer_steps_template_id_foreign')
      .references('id')
      .inTable('step_templates')
      .onDelete('SET NULL');
  });
};

/** @param {import('knex').Knex} knex */
function isPostgres(knex) {
  return ['pg', 'postgres', 'postgresql'].includes(
    String(knex.client.config.client),
  );
}
