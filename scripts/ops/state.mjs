// What runs: the state file that `./opshub start` writes
// (.opshub/run/portal.json) and the health of each part it names.
import fs from 'node:fs';
import pg from 'pg';

export const opshubPlugins = [
  'release-orchestration',
  'deployment-rollback',
  'infra-health',
  'devops-inspector',
];

export function alive(pid) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/**
 * { state: null, reason } when nothing runs (no file, or a stale one whose
 * start process is gone), else { state }.
 */
export function readRunState(runFile) {
  if (!fs.existsSync(runFile)) {
    return { state: null, reason: 'not running (no .opshub/run/portal.json)' };
  }
  let state;
  try {
    state = JSON.parse(fs.readFileSync(runFile, 'utf8'));
  } catch (error) {
    return {
      state: null,
      reason: `not running (unreadable state file ${runFile}: ${error.message})`,
    };
  }
  if (!alive(state.pid)) {
    return {
      state: null,
      stale: true,
      reason: `not running (stale state file: the start process ${state.pid} is gone; ./opshub start cleans it up)`,
    };
  }
  return { state };
}

async function httpCheck(url, { ok = s => s === 200 } = {}) {
  const t = Date.now();
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
    await res.arrayBuffer();
    return {
      healthy: ok(res.status),
      detail: `HTTP ${res.status} from ${url}`,
      ms: Date.now() - t,
    };
  } catch (error) {
    return {
      healthy: false,
      detail: `${url}: ${error.cause?.code ?? error.message}`,
      ms: Date.now() - t,
    };
  }
}

/** pg_isready-like: connect and run SELECT 1. */
export async function pgCheck({ port, password, user = 'opshub' }) {
  const t = Date.now();
  const client = new pg.Client({
    host: '127.0.0.1',
    port,
    user,
    password,
    database: 'postgres',
    connectionTimeoutMillis: 3000,
  });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return {
      healthy: true,
      detail: `accepts connections on 127.0.0.1:${port}`,
      ms: Date.now() - t,
    };
  } catch (error) {
    return {
      healthy: false,
      detail: `127.0.0.1:${port}: ${error.code ?? error.message}`,
      ms: Date.now() - t,
    };
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Checks every part named in the state file. Resolves to
 * { overall: 'healthy' | 'degraded', parts: [{ name, pid, port, uptimeSeconds,
 * running, healthy, detail, checks? }] }.
 */
export async function checkParts(state, { password }) {
  const now = Date.now();
  const parts = [];
  for (const [name, part] of Object.entries(state.parts ?? {})) {
    const running = alive(part.pid);
    const entry = {
      name,
      pid: part.pid,
      port: part.port,
      startedAt: part.startedAt,
      uptimeSeconds: Math.round((now - Date.parse(part.startedAt)) / 1000),
      log: part.log,
      running,
    };
    if (!running) {
      Object.assign(entry, {
        healthy: false,
        detail: `process ${part.pid} is gone`,
      });
    } else if (name === 'postgres') {
      Object.assign(entry, await pgCheck({ port: part.port, password }));
    } else if (name === 'backend') {
      const readiness = await httpCheck(
        `${part.url}/.backstage/health/v1/readiness`,
      );
      const plugins = await Promise.all(
        opshubPlugins.map(async id => ({
          plugin: id,
          ...(await httpCheck(`${part.url}/api/${id}/health`)),
        })),
      );
      const bad = plugins.filter(p => !p.healthy);
      Object.assign(entry, {
        healthy: readiness.healthy && bad.length === 0,
        detail: bad.length
          ? `${readiness.detail}; unhealthy plugins: ${bad
              .map(p => `${p.plugin} (${p.detail})`)
              .join(', ')}`
          : `${readiness.detail}; ${plugins.length} OpsHub plugins answer /health`,
        checks: { readiness, plugins },
      });
    } else {
      Object.assign(entry, await httpCheck(part.url));
    }
    if (part.ready === false && running) {
      entry.detail = `starting: ${entry.detail}`;
    }
    parts.push(entry);
  }
  for (const expected of ['postgres', 'backend', 'app']) {
    if (!parts.some(p => p.name === expected) && expected !== 'app') {
      parts.push({
        name: expected,
        running: false,
        healthy: false,
        detail: 'not started yet',
      });
    }
  }
  return {
    overall: parts.every(p => p.healthy) ? 'healthy' : 'degraded',
    parts,
  };
}

export function formatDuration(seconds) {
  if (seconds === undefined || Number.isNaN(seconds)) return '-';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h ? `${h}h${String(m).padStart(2, '0')}m` : m ? `${m}m${s}s` : `${s}s`;
}
