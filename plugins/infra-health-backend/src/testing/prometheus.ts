import { ChildProcess, execFile, spawn } from 'child_process';
import fs from 'fs';
import net from 'net';
import os from 'os';
import path from 'path';
import { promisify } from 'util';

const PROMETHEUS = '/usr/bin/prometheus';
const PROMTOOL = '/usr/bin/promtool';

/**
 * Whether Debian's prometheus and promtool are installed; integration tests
 * skip with a message when not.
 *
 * @internal
 */
export const prometheusAvailable =
  fs.existsSync(PROMETHEUS) && fs.existsSync(PROMTOOL);

/** A free loopback port (bound, read and released). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** One counter series: its labels and (time, value) samples, oldest first. */
export interface CounterSeries {
  labels: Record<string, string>;
  samples: Array<{ time: Date; value: number }>;
}

/** A running Prometheus on loopback over a backfilled TSDB. */
export interface TestPrometheus {
  baseUrl: string;
  /** Stops the process (idempotent). */
  stop(): Promise<void>;
  /** Stops it and removes its storage. */
  cleanup(): Promise<void>;
}

/**
 * Backfills `series` of the counter `family` (samples named `<family>_total`)
 * with `promtool tsdb create-blocks-from openmetrics` into a temp dir, then
 * starts Prometheus on a free loopback port over that storage, without any
 * scrape config, and waits until it is ready.
 *
 * @internal
 */
export async function startBackfilledPrometheus(
  family: string,
  series: CounterSeries[],
): Promise<TestPrometheus> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ih-prom-'));
  const data = path.join(dir, 'data');
  const lines = [`# TYPE ${family} counter`];
  for (const s of series) {
    const labels = Object.entries(s.labels)
      .map(([k, v]) => `${k}="${v}"`)
      .join(',');
    for (const sample of s.samples) {
      lines.push(
        `${family}_total{${labels}} ${sample.value} ${
          sample.time.getTime() / 1000
        }`,
      );
    }
  }
  lines.push('# EOF', '');
  fs.writeFileSync(path.join(dir, 'input.om'), lines.join('\n'));
  await promisify(execFile)(PROMTOOL, [
    'tsdb',
    'create-blocks-from',
    'openmetrics',
    path.join(dir, 'input.om'),
    data,
  ]);
  fs.writeFileSync(
    path.join(dir, 'prometheus.yml'),
    'global:\n  evaluation_interval: 1m\n',
  );
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    PROMETHEUS,
    [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${data}`,
      '--storage.tsdb.retention.time=10y',
      `--web.listen-address=127.0.0.1:${port}`,
      `--web.external-url=${baseUrl}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', chunk => {
    stderr = (stderr + chunk).slice(-4000);
  });
  let exited = false;
  const exit = new Promise<void>(resolve =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      await exit;
    }
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (exited) {
      throw new Error(`prometheus exited before it was ready: ${stderr}`);
    }
    try {
      const res = await fetch(`${baseUrl}/-/ready`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`prometheus was not ready within 20 s: ${stderr}`);
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  return {
    baseUrl,
    stop,
    async cleanup() {
      await stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
