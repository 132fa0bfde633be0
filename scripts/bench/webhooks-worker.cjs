// The backend of `yarn bench:webhooks`, forked by webhooks.mjs with
// `-r @backstage/cli/config/nodeTransform.cjs` so that the TypeScript plugin
// runs as it does in the portal's backend.
//
// A real backend: `createBackend()` of @backstage/backend-defaults (the
// production root HTTP router with helmet, CORS, compression and request
// logging, the production root logger, auth, scheduler, auditor, signals'
// events), the deployment-rollback plugin on PostgreSQL (argv[2], its tables
// in that database) with a GitHub webhook secret (argv[3]), and an in-memory
// catalog whose Components carry the repositories' project slugs. Listens on
// 127.0.0.1:argv[4]; tells the parent `{ port }` over IPC once it is up, and
// stops when the parent says `stop` (or goes away). Its log goes where the
// parent sends this process's stdout.
const { createBackend } = require('@backstage/backend-defaults');
const { mockServices } = require('@backstage/backend-test-utils');
const {
  catalogServiceMock,
} = require('@backstage/plugin-catalog-node/testUtils');
const path = require('node:path');

const [, , connection, secret, portArg, reposArg] = process.argv;
const port = Number(portArg);
const repos = Number(reposArg ?? 20);
const pool = Number(process.env.BENCH_POOL_MAX ?? 10);
// the plugin's tables go into the bench's database, not backstage_plugin_*
const databaseName = decodeURIComponent(new URL(connection).pathname.slice(1));

const { deploymentRollbackPlugin } = require(path.resolve(
  __dirname,
  '../../plugins/deployment-rollback-backend/src/plugin.ts',
));

async function main() {
  const entities = Array.from({ length: repos }, (_, i) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: `bench-${i}`,
      annotations: {
        'github.com/project-slug': `bench/repo-${i}`,
        'opshub.io/deployment-service': `bench-service-${i}`,
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'bench' },
  }));
  const backend = createBackend();
  backend.add(deploymentRollbackPlugin);
  backend.add(catalogServiceMock.factory({ entities }));
  backend.add(
    mockServices.rootConfig.factory({
      data: {
        app: { baseUrl: 'http://localhost:3000' },
        backend: {
          baseUrl: `http://127.0.0.1:${port}`,
          listen: { host: '127.0.0.1', port },
          database: {
            client: 'pg',
            connection,
            knexConfig: { pool: { min: 0, max: pool } },
            plugin: {
              'deployment-rollback': {
                connection: { database: databaseName },
                ...(process.env.BENCH_SKIP_MIGRATIONS
                  ? { skipMigrations: true }
                  : {}),
              },
            },
          },
        },
        deploymentRollback: {
          environments: ['dev', 'uat', 'prod'],
          webhooks: { github: { secret } },
        },
      },
    }),
  );
  await backend.start();
  return backend;
}

main().then(
  backend => {
    process.send({ port });
    const stop = async () => {
      await backend.stop().catch(() => {});
      process.exit(0);
    };
    process.on('message', message => message === 'stop' && stop());
    process.on('disconnect', stop);
  },
  error => {
    console.error(error);
    process.exit(1);
  },
);
