// The measurements of `yarn bench:release`, run with
// `node -r @backstage/cli/config/nodeTransform.cjs release-worker.cjs <url>`
// so that the TypeScript service code runs as it does in the backend.
//
// Per run, in turns (so no side always runs on a warmer cache):
// - ours: `ReleaseService.activate` of a draft release with TEMPLATES
//   templates for every customer, then the first matrix read of one cluster;
// - floor: a hand-written INSERT … SELECT of the same rows into `floor_steps`,
//   a copy of `customer_steps` with its primary key, unique key and the same
//   extra indexes, and nothing else (no foreign keys, no triggers);
// - bare: the same INSERT … SELECT into `bare_steps`, with only the primary
//   key and the unique key.
// The floor tables are built from the catalog (pg_indexes), so they follow the
// migrations. Each insert runs in its own transaction and includes the commit.
// After each first read, WARM_READS warm reads of the same page.
//
// Prints one JSON line: { activation: [s], floor: [s], bare: [s],
// firstMatrix: [ms], matrix: [ms], steps, matrixCells, customers, templates }.
const path = require('node:path');
const knexFactory = require('knex');

const backend = path.resolve(
  __dirname,
  '../../plugins/release-orchestration-backend/src',
);
const { DatabaseReleaseStore } = require(path.join(
  backend,
  'database/DatabaseReleaseStore.ts',
));
const { createServices } = require(path.join(backend, 'service/services.ts'));

const CLUSTERS = 4;
const PER_CLUSTER = Number(process.env.BENCH_CUSTOMERS_PER_CLUSTER ?? 250);
const TEMPLATES = Number(process.env.BENCH_TEMPLATES ?? 100);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const WARM_READS = 5;
const log = (...args) => console.error('[bench]', ...args);
const seconds = start => Number(process.hrtime.bigint() - start) / 1e9;

const COLUMNS = [
  'release_id',
  'customer_id',
  'template_id',
  'name',
  'category',
  'type',
  'content',
  'order_index',
];

async function seed(knex) {
  const customerIds = [];
  for (let c = 0; c < CLUSTERS; c++) {
    const [{ id: clusterId }] = await knex('clusters')
      .insert({ name: `cluster-${c}`, display_name: `Cluster ${c}` })
      .returning('id');
    const rows = Array.from({ length: PER_CLUSTER }, (_, i) => ({
      cluster_id: clusterId,
      name: `Customer ${c}-${String(i).padStart(4, '0')}`,
      namespace: `tenant-${c}-${i}`,
    }));
    const inserted = await knex('customers').insert(rows).returning('id');
    customerIds.push(...inserted.map(r => r.id));
  }
  return customerIds;
}

async function draftRelease(knex, n, templateCount = TEMPLATES) {
  const [{ id }] = await knex('releases')
    .insert({ name: `Bench ${n}`, type: 'release' })
    .returning('id');
  const templates = Array.from({ length: templateCount }, (_, i) => ({
    release_id: id,
    name: `step ${i}`,
    category: i < templateCount / 2 ? 'deploy' : 'verify',
    type: 'bash',
    content: `kubectl -n "$NAMESPACE" rollout restart deployment/app-${i} && kubectl -n "$NAMESPACE" rollout status deployment/app-${i} --timeout=300s`,
    order_index: i < templateCount / 2 ? i : i - Math.ceil(templateCount / 2),
  }));
  await knex('step_templates').insert(templates);
  return id;
}

/**
 * `floor_steps` (primary key, unique keys and every other index of
 * customer_steps) and `bare_steps` (primary key and unique keys only): the
 * columns and defaults of customer_steps, an own id sequence, no foreign
 * keys, no triggers.
 */
async function createFloorTables(knex) {
  const { rows: indexes } = await knex.raw(
    `select i.indexname, i.indexdef, x.indisunique, x.indisprimary
       from pg_indexes i
       join pg_class c on c.relname = i.indexname
       join pg_index x on x.indexrelid = c.oid
      where i.schemaname = current_schema() and i.tablename = 'customer_steps'`,
  );
  for (const table of ['floor_steps', 'bare_steps']) {
    await knex.raw('drop table if exists ??', [table]);
    await knex.raw('create table ?? (like customer_steps including defaults)', [
      table,
    ]);
    await knex.raw('create sequence ?? owned by ??', [
      `${table}_id_seq`,
      `${table}.id`,
    ]);
    // DDL takes no bind parameters; the names are the two constants above
    await knex.raw(
      `alter table ${table} alter column id set default nextval('${table}_id_seq')`,
    );
    await knex.raw('alter table ?? add primary key (id)', [table]);
    for (const index of indexes) {
      if (index.indisprimary) continue;
      if (table === 'bare_steps' && !index.indisunique) continue;
      // e.g. CREATE UNIQUE INDEX customer_steps_x ON public.customer_steps USING btree (...)
      const def = index.indexdef
        .replace(/ INDEX (\S+) ON /, (_, name) => ` INDEX ${table}_${name} ON `)
        .replace(/ ON (\S+\.)?customer_steps /, ` ON $1${table} `);
      await knex.raw(def);
    }
  }
  const described = {};
  for (const table of ['customer_steps', 'floor_steps', 'bare_steps']) {
    const { rows } = await knex.raw(
      `select count(*) filter (where contype = 'f') as fks,
              (select count(*) from pg_index x where x.indrelid = ?::regclass) as indexes,
              (select count(*) from pg_trigger t where t.tgrelid = ?::regclass and not t.tgisinternal) as triggers
         from pg_constraint where conrelid = ?::regclass`,
      [table, table, table],
    );
    described[table] = rows[0];
  }
  log('tables:', JSON.stringify(described));
}

/** One hand-written INSERT … SELECT of the activation's rows into `table`. */
async function handWritten(knex, table, releaseId, customerIds) {
  const start = process.hrtime.bigint();
  await knex.transaction(async trx => {
    await trx.raw(
      `insert into ?? (${COLUMNS.map(() => '??').join(', ')})
       select t.release_id, c.id, t.id, t.name, t.category, t.type, t.content, t.order_index
       from customers c cross join step_templates t
       where t.release_id = ? and c.id = any(?::int[])`,
      [table, ...COLUMNS, releaseId, customerIds],
    );
  });
  return seconds(start);
}

/**
 * Every table starts each measurement empty, except for a small activated
 * demo release (10 customers × 3 steps) whose statistics are current, as on
 * a fresh install with the demo data: the planner then knows customer_steps
 * only as a few rows of another release until something analyzes it again.
 */
async function reset(knex, customerIds) {
  await knex.raw(
    'truncate step_events, customer_steps, release_customers, floor_steps, bare_steps',
  );
  const demo = await draftRelease(knex, 'demo', 3);
  const customers = customerIds.slice(0, 10);
  await knex('release_customers').insert(
    customers.map(id => ({ release_id: demo, customer_id: id })),
  );
  await knex.raw(
    `insert into customer_steps (${COLUMNS.join(', ')})
     select t.release_id, rc.customer_id, t.id, t.name, t.category, t.type, t.content, t.order_index
     from release_customers rc join step_templates t on t.release_id = rc.release_id
     where rc.release_id = ?`,
    [demo],
  );
  await knex.raw('analyze customer_steps');
}

function cellCount(matrix) {
  return Object.values(matrix.cells).reduce(
    (n, row) => n + Object.keys(row).length,
    0,
  );
}

async function main() {
  const knex = knexFactory({
    client: 'pg',
    connection: process.argv[2],
    pool: { min: 1, max: 10 },
  });
  try {
    const store = await DatabaseReleaseStore.create({
      database: {
        getClient: async () => knex,
        migrations: { skip: false },
      },
    });
    const { releases, matrix: matrices } = createServices({ store });
    const customerIds = await seed(knex);
    await createFloorTables(knex);
    await knex.raw('vacuum analyze');
    const result = {
      activation: [],
      floor: [],
      bare: [],
      firstMatrix: [],
      matrix: [],
    };
    const page = { limit: PER_CLUSTER, offset: 0 };
    const sides = ['floor', 'bare', 'ours'];
    for (let run = 0; run < RUNS; run++) {
      // rotate the order so that no side always runs on a warmer cache
      const order = sides.map((_, i) => sides[(i + run) % sides.length]);
      for (const side of order) {
        await reset(knex, customerIds);
        const id = await draftRelease(knex, `${run}-${side}`);
        if (side === 'floor' || side === 'bare') {
          result[side].push(
            await handWritten(knex, `${side}_steps`, id, customerIds),
          );
        } else {
          const start = process.hrtime.bigint();
          const { stepCount } = await releases.activate(
            id,
            { version: 1, customerIds },
            'user:default/bench',
          );
          result.activation.push(seconds(start));
          result.steps = stepCount;
          // the first read, right after activation: no autovacuum yet
          const readStart = process.hrtime.bigint();
          const matrix = await matrices.read(id, 'cluster-0', page);
          result.firstMatrix.push(seconds(readStart) * 1000);
          result.matrixCells = cellCount(matrix);
          // then warm reads of the same page, still without a manual ANALYZE
          for (let i = 0; i < WARM_READS; i++) {
            const warmStart = process.hrtime.bigint();
            const warm = await matrices.read(id, 'cluster-0', page);
            result.matrix.push(seconds(warmStart) * 1000);
            if (cellCount(warm) !== result.matrixCells) {
              throw new Error('warm read differs from the first read');
            }
          }
        }
        log(`run ${run} ${side}: done`);
      }
    }
    result.customers = customerIds.length;
    result.templates = TEMPLATES;
    console.log(JSON.stringify(result));
  } finally {
    await knex.destroy();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
