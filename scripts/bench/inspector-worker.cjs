// One measurement of `yarn bench:inspector`, in its own process so that its
// peak RSS is its own: `node -r @backstage/cli/config/nodeTransform.cjs
// inspector-worker.cjs <ours|floor|migra|nway> <sourceUrl> <targetUrl>
// [plantedFile] [moreTargetUrls...]`. Prints one JSON line: { ms, cpuMs,
// maxRssMb, ... } (cpuMs: this process's CPU time on the clock) with, for
// ours, { differences, found }, for nway (one source, every target) the same
// summed over the targets (found: in every target), for migra
// { statements, found } (found: how
// many of the planted differences listed in plantedFile the engine reports)
// and for the floor { rows } (catalog rows read). For ours and the floor the
// clock covers the same things: opening the connections, the read-only
// transactions, the catalog queries and closing the connections (and, for
// ours only, building the result from the rows); never loading modules nor
// counting the planted differences found.
const path = require('node:path');

const engine = path.resolve(__dirname, '../../plugins/schema-compare/src');

// modules are loaded before the clock starts; each mode returns `run`,
// which is timed, and `count`, which reads its result after the clock stops

const statementTimeoutMs = 600000;

/**
 * One planted difference (see `drift()` in inspector.mjs): the object our
 * engine must report, and `words` that one statement of migra's script must
 * all contain.
 */
function plantedList(file) {
  return JSON.parse(require('node:fs').readFileSync(file, 'utf8'));
}

const escape = word => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** How many planted differences one statement of a migration script touches. */
function foundInSql(sql, planted) {
  const statements = sql.replace(/"/g, '').split(/;\s*\n/);
  return planted.filter(({ words }) => {
    const patterns = words.map(
      word => new RegExp(`(^|[^\\w])${escape(word)}([^\\w]|$)`),
    );
    return statements.some(st => patterns.every(re => re.test(st)));
  }).length;
}

function floor() {
  // the same catalog queries sent the same way (queryCatalog), on the same
  // connections as compareUrls (one read-only connection per database,
  // withReadOnlyDatabase, both databases in parallel), in the same
  // read-only transactions; the rows are only counted
  const { withReadOnlyDatabase } = require(path.join(engine, 'readOnly.ts'));
  const { queryCatalog } = require(path.join(engine, 'catalog.ts'));
  const run = (sourceUrl, targetUrl) =>
    Promise.all(
      [
        ['source', sourceUrl],
        ['target', targetUrl],
      ].map(([database, url]) =>
        withReadOnlyDatabase(
          url,
          { database, statementTimeoutMs },
          async db => {
            let rows = 0;
            await queryCatalog(db, (kind, list) => {
              rows += list.length;
            });
            return rows;
          },
        ),
      ),
    );
  return { run, count: ([a, b]) => ({ rows: a + b }) };
}

function ours(planted) {
  const { compareUrls } = require(path.join(engine, 'compareUrls.ts'));
  const run = (sourceUrl, targetUrl) =>
    compareUrls(sourceUrl, targetUrl, { statementTimeoutMs });
  const count = result => ({
    differences: result.summary.total,
    found: planted.filter(({ object }) =>
      result.differences.some(
        d =>
          d.objectType === object.objectType &&
          d.schema === object.schema &&
          (d.table ?? null) === (object.table ?? null) &&
          d.name === object.name,
      ),
    ).length,
  });
  return { run, count };
}

/**
 * One source and several targets in one call, the way the inspector backend
 * compares environments: every database read in parallel (one read-only
 * connection each), then one diff per target.
 */
function nway(planted) {
  const { withReadOnlyDatabase } = require(path.join(engine, 'readOnly.ts'));
  const { readCatalog } = require(path.join(engine, 'catalog.ts'));
  const { compareSnapshots } = require(path.join(
    engine,
    'compareSnapshots.ts',
  ));
  const run = async (sourceUrl, targetUrls) => {
    const [source, ...targets] = await Promise.all(
      [sourceUrl, ...targetUrls].map((url, i) =>
        withReadOnlyDatabase(
          url,
          { database: i ? `target ${i}` : 'source', statementTimeoutMs },
          readCatalog,
        ),
      ),
    );
    return targets.map((target, i) =>
      compareSnapshots(source, target, {
        source: 'source',
        target: `target ${i + 1}`,
      }),
    );
  };
  const { count: countOne } = ours(planted);
  const count = results => {
    const each = results.map(countOne);
    return {
      targets: results.length,
      differences: each.reduce((sum, c) => sum + c.differences, 0),
      // the planted differences found in every target
      found: Math.min(...each.map(c => c.found)),
    };
  };
  return { run, count };
}

function migra(planted) {
  const { run: migraRun } = require('@pgkit/migra');
  const run = async (sourceUrl, targetUrl) =>
    (await migraRun(sourceUrl, targetUrl, { unsafe: true })).sql;
  const count = sql => ({
    statements: sql.split(/;\s*\n/).filter(st => st.trim()).length,
    found: foundInSql(sql, planted),
  });
  return { run, count };
}

async function main() {
  const [mode, sourceUrl, targetUrl, plantedFile, ...moreTargets] =
    process.argv.slice(2);
  const prepare = { ours, floor, migra, nway }[mode];
  if (!prepare) throw new Error(`unknown mode ${mode}`);
  const { run, count } = prepare(plantedFile ? plantedList(plantedFile) : []);
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const result = await run(
    sourceUrl,
    mode === 'nway' ? [targetUrl, ...moreTargets] : targetUrl,
  );
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const { user, system } = process.cpuUsage(cpu);
  const cpuMs = (user + system) / 1000;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    `${JSON.stringify({ ms, cpuMs, maxRssMb, ...count(result) })}\n`,
  );
  // migra's pools may keep the process alive
  process.exit(0);
}

main().catch(error => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
