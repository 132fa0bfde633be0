// One measurement of `yarn bench:inspector`, in its own process so that its
// peak RSS is its own: `node -r @backstage/cli/config/nodeTransform.cjs
// inspector-worker.cjs <ours|floor|migra> <sourceUrl> <targetUrl>`.
// Prints one JSON line: { ms, maxRssMb, differences }.
const path = require('node:path');

const backend = path.resolve(
  __dirname,
  '../../plugins/devops-inspector-backend/src',
);

// modules are loaded before the clock starts
function floor() {
  // the catalog queries alone, each database in one read-only transaction
  const { Client } = require('pg');
  const { CATALOG_QUERIES } = require(path.join(backend, 'compare/catalog.ts'));
  return async (sourceUrl, targetUrl) => {
    const read = async url => {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        await client.query('BEGIN READ ONLY');
        let rows = 0;
        for (const sql of Object.values(CATALOG_QUERIES)) {
          rows += (await client.query(sql)).rowCount;
        }
        await client.query('ROLLBACK');
        return rows;
      } finally {
        await client.end();
      }
    };
    const counts = await Promise.all([read(sourceUrl), read(targetUrl)]);
    return counts[0] + counts[1];
  };
}

function ours() {
  const { compareUrls } = require(path.join(
    backend,
    'compare/SchemaCompareService.ts',
  ));
  return async (sourceUrl, targetUrl) => {
    const result = await compareUrls(sourceUrl, targetUrl, {
      statementTimeoutMs: 600000,
    });
    return result.summary.total;
  };
}

function migra() {
  const { run } = require('@pgkit/migra');
  return async (sourceUrl, targetUrl) => {
    const migration = await run(sourceUrl, targetUrl, { unsafe: true });
    const sql = migration.sql;
    return sql.split('\n').filter(line => line.trim()).length;
  };
}

async function main() {
  const [mode, sourceUrl, targetUrl] = process.argv.slice(2);
  const prepare = { ours, floor, migra }[mode];
  if (!prepare) throw new Error(`unknown mode ${mode}`);
  const fn = prepare();
  const started = process.hrtime.bigint();
  const differences = await fn(sourceUrl, targetUrl);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ ms, maxRssMb, differences })}\n`);
  // migra's pools may keep the process alive
  process.exit(0);
}

main().catch(error => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
