// The measurements of `yarn bench:release`, run with
// `node -r @backstage/cli/config/nodeTransform.cjs release-worker.cjs <url>`
// so that the TypeScript service code runs as it does in the backend.
// Prints one JSON line: { activation: [s...], floor: [s...], matrix: [ms...],
// steps, customers, templates }.
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
const { ReleaseService } = require(path.join(
  backend,
  'service/ReleaseService.ts',
));

const CLUSTERS = 4;
const PER_CLUSTER = Number(process.env.BENCH_CUSTOMERS_PER_CLUSTER ?? 250);
const TEMPLATES = Number(process.env.BENCH_TEMPLATES ?? 100);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const log = (...args) => console.error('[bench]', ...args);
const seconds = start => Number(process.hrtime.bigint() - start) / 1e9;

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

async function draftRelease(knex, n) {
  const [{ id }] = await knex('releases')
    .insert({ name: `Bench ${n}`, type: 'release' })
    .returning('id');
  const templates = Array.from({ length: TEMPLATES }, (_, i) => ({
    release_id: id,
    name: `step ${i}`,
    category: i < TEMPLATES / 2 ? 'deploy' : 'verify',
    type: 'bash',
    content: `kubectl -n "$NAMESPACE" rollout restart deployment/app-${i} && kubectl -n "$NAMESPACE" rollout status deployment/app-${i} --timeout=300s`,
    order_index: i < TEMPLATES / 2 ? i : i - TEMPLATES / 2,
  }));
  await knex('step_templates').insert(templates);
  return id;
}

/** The floor: one hand-written INSERT … SELECT of the same rows. */
async function floor(knex, releaseId, customerIds) {
  const start = process.hrtime.bigint();
  await knex.transaction(async trx => {
    await trx.raw(
      `insert into customer_steps
         (release_id, customer_id, template_id, name, category, type, content, order_index)
       select t.release_id, c.id, t.id, t.name, t.category, t.type, t.content, t.order_index
       from customers c cross join step_templates t
       where t.release_id = ? and c.id = any(?::int[])`,
      [releaseId, customerIds],
    );
  });
  return seconds(start);
}

async function reset(knex) {
  await knex.raw('truncate step_events, customer_steps, release_customers');
  await knex.raw('vacuum analyze customer_steps');
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
    const service = new ReleaseService({ store });
    const customerIds = await seed(knex);
    await knex.raw('analyze');
    const result = { activation: [], floor: [], matrix: [] };
    let lastRelease;
    for (let run = 0; run < RUNS; run++) {
      // take turns so that neither side always runs on a warmer table
      for (const side of run % 2 ? ['ours', 'floor'] : ['floor', 'ours']) {
        await reset(knex);
        const id = await draftRelease(knex, `${run}-${side}`);
        if (side === 'floor') {
          result.floor.push(await floor(knex, id, customerIds));
        } else {
          const start = process.hrtime.bigint();
          const { stepCount } = await service.activate(
            id,
            { version: 1, customerIds },
            'user:default/bench',
          );
          result.activation.push(seconds(start));
          result.steps = stepCount;
          lastRelease = id;
        }
        log(`run ${run} ${side}: done`);
      }
    }
    // the last activation is in place: read the matrix of one cluster
    await knex.raw('vacuum analyze');
    const page = { limit: PER_CLUSTER, offset: 0 };
    await service.matrix(lastRelease, 'cluster-0', page);
    for (let i = 0; i < 5; i++) {
      const start = process.hrtime.bigint();
      const matrix = await service.matrix(lastRelease, 'cluster-0', page);
      result.matrix.push(seconds(start) * 1000);
      result.matrixCells = Object.values(matrix.cells).reduce(
        (n, row) => n + Object.keys(row).length,
        0,
      );
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
