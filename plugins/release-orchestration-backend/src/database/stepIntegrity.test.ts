import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '@opshub/opshub-node/testUtils';
import { Knex } from 'knex';
import { createServices } from '../service/services';
import { DatabaseReleaseStore } from './DatabaseReleaseStore';

jest.setTimeout(60_000);

const { ids, init } = createTestDatabases();
// migrations/20261203000000_customer_steps_statement_checks.js replaces the
// foreign keys of customer_steps by statement-level checks on PostgreSQL only
const postgresIds = ids.filter(id => id.startsWith('POSTGRES'));

function idOf(row: unknown): number {
  return Number(
    typeof row === 'object' && row !== null ? (row as { id: number }).id : row,
  );
}

const describeOnPostgres = postgresIds.length
  ? describe.each(postgresIds)
  : describe.skip.each(['POSTGRES (none configured)']);

describeOnPostgres('customer_steps integrity on %s', databaseId => {
  let knex: Knex;
  let releaseId: number;
  let customerId: number;
  let templateId: number;

  beforeEach(async () => {
    knex = await init(databaseId as never);
    await DatabaseReleaseStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const [cluster] = await knex('clusters')
      .insert({ name: 'c', display_name: 'C' })
      .returning('id');
    const [customer] = await knex('customers')
      .insert({ cluster_id: idOf(cluster), name: 'A', namespace: 'a' })
      .returning('id');
    customerId = idOf(customer);
    const [release] = await knex('releases')
      .insert({ name: 'R', type: 'release' })
      .returning('id');
    releaseId = idOf(release);
    const [template] = await knex('step_templates')
      .insert({
        release_id: releaseId,
        name: 't',
        category: 'deploy',
        type: 'bash',
        content: 'x',
        order_index: 0,
      })
      .returning('id');
    templateId = idOf(template);
  });

  afterEach(async () => {
    await knex.destroy();
  });

  const step = (values: Record<string, unknown>) => ({
    release_id: releaseId,
    customer_id: customerId,
    template_id: templateId,
    name: 's',
    category: 'deploy',
    type: 'bash',
    content: 'x',
    order_index: 0,
    ...values,
  });

  it('has no per-row foreign keys on customer_steps any more', async () => {
    const { rows } = await knex.raw(
      `select count(*) as n from pg_constraint
        where conrelid = 'customer_steps'::regclass and contype = 'f'`,
    );
    expect(Number(rows[0].n)).toBe(0);
  });

  it('refuses steps whose release, customer or template is missing', async () => {
    for (const [values, what] of [
      [{ release_id: releaseId + 1000 }, 'release'],
      [{ customer_id: customerId + 1000 }, 'customer'],
      [{ template_id: templateId + 1000 }, 'step template'],
    ] as const) {
      // one good row with the bad one: the whole statement fails
      const error = await knex('customer_steps')
        .insert([step({ template_id: null }), step(values)])
        .then(
          () => undefined,
          (e: { code?: string; message?: string }) => e,
        );
      expect(error?.code).toBe('23503');
      expect(error?.message).toContain(`${what} does not exist`);
    }
    expect(await knex('customer_steps').count({ n: '*' })).toEqual([
      { n: '0' },
    ]);
    await knex('customer_steps').insert([
      step({}),
      step({ template_id: null }),
    ]);
    expect(await knex('customer_steps').count({ n: '*' })).toEqual([
      { n: '2' },
    ]);
  });

  it('checks updates that change a reference', async () => {
    const [row] = await knex('customer_steps').insert(step({})).returning('id');
    const error = await knex('customer_steps')
      .where({ id: idOf(row) })
      .update({ customer_id: customerId + 1000 })
      .then(
        () => undefined,
        (e: { code?: string }) => e,
      );
    expect(error?.code).toBe('23503');
    // other updates are not checked and pass
    await knex('customer_steps')
      .where({ id: idOf(row) })
      .update({ status: 'done', template_id: null });
  });

  it('keeps the old delete actions: cascade, set null, restrict', async () => {
    await knex('customer_steps').insert([
      step({}),
      step({ template_id: null }),
    ]);
    // a deleted template leaves its steps without a template
    await knex('step_templates').where({ id: templateId }).delete();
    expect(
      (await knex('customer_steps').select('template_id')).map(
        r => r.template_id,
      ),
    ).toEqual([null, null]);
    // a customer with steps cannot be deleted
    const error = await knex('customers')
      .where({ id: customerId })
      .delete()
      .then(
        () => undefined,
        (e: { code?: string }) => e,
      );
    expect(error?.code).toBe('23503');
    // a deleted release takes its steps along
    await knex('releases').where({ id: releaseId }).delete();
    expect(await knex('customer_steps').count({ n: '*' })).toEqual([
      { n: '0' },
    ]);
    await knex('customers').where({ id: customerId }).delete();
  });

  it('locks the parents of new steps until commit', async () => {
    const trx = await knex.transaction();
    try {
      await trx('customer_steps').insert(step({}));
      // another session cannot delete the template meanwhile
      const other = await knex.transaction();
      try {
        await other.raw("set local lock_timeout = '300ms'");
        const error = await other('step_templates')
          .where({ id: templateId })
          .delete()
          .then(
            () => undefined,
            (e: { code?: string }) => e,
          );
        expect(error?.code).toBe('55P03'); // lock_not_available
      } finally {
        await other.rollback();
      }
      await trx.commit();
    } catch (e) {
      await trx.rollback();
      throw e;
    }
    // after commit the delete goes through and detaches the step
    await knex('step_templates').where({ id: templateId }).delete();
    const [row] = await knex('customer_steps').select('template_id');
    expect(row.template_id).toBeNull();
  });

  it('refreshes the statistics of customer_steps inside a transaction', async () => {
    await knex('customer_steps').insert(step({}));
    const inside = await knex.transaction(async trx => {
      await DatabaseReleaseStore.fromKnex(trx).analyzeSteps();
      // the lower target was only for that ANALYZE
      const { rows } = await trx.raw('show default_statistics_target');
      return rows[0].default_statistics_target;
    });
    const { rows: outside } = await knex.raw('show default_statistics_target');
    expect(inside).toBe(outside[0].default_statistics_target);
    const { rows } = await knex.raw(
      `select attname from pg_stats where tablename = 'customer_steps' order by attname`,
    );
    expect(rows.map((r: { attname: string }) => r.attname)).toEqual([
      'category',
      'customer_id',
      'is_custom',
      'is_overridden',
      'release_id',
      'status',
      'template_id',
    ]);
  });

  it('has statistics of the new release as soon as activation commits', async () => {
    const { releases } = createServices({
      store: DatabaseReleaseStore.fromKnex(knex),
    });
    const { stepCount } = await releases.activate(
      releaseId,
      { version: 1, customerIds: [customerId] },
      'user:default/test',
    );
    expect(stepCount).toBe(1);
    const { rows } = await knex.raw(
      `select c.reltuples,
              (select count(*) from pg_stats s
                where s.tablename = 'customer_steps'
                  and s.attname = 'release_id') as stats
         from pg_class c where c.relname = 'customer_steps'`,
    );
    expect(Number(rows[0].reltuples)).toBe(1);
    expect(Number(rows[0].stats)).toBe(1);
  });
});
