// A throwaway Debian PostgreSQL (for example 15) for the store tests, run as a
// non-root system user on loopback. Returns null when it is not installed.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function findDebianPostgres(version) {
  const bin = `/usr/lib/postgresql/${version}/bin`;
  return fs.existsSync(`${bin}/postgres`) && fs.existsSync(`${bin}/initdb`)
    ? bin
    : null;
}

export async function startDebianPostgres({
  version,
  port,
  password,
  log = () => {},
}) {
  const bin = findDebianPostgres(version);
  if (!bin) return null;
  const isRoot = process.getuid?.() === 0;
  const runAs = isRoot ? 'postgres' : null;
  if (isRoot && spawnSync('id', ['-u', 'postgres']).status !== 0) {
    execFileSync('useradd', [
      '--system',
      '--user-group',
      '--no-create-home',
      'postgres',
    ]);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `opshub-pg${version}-`));
  const data = path.join(dir, 'data');
  const pwfile = path.join(dir, 'pw');
  fs.writeFileSync(pwfile, `${password}\n`);
  if (runAs) execFileSync('chown', ['-R', `${runAs}:${runAs}`, dir]);
  const run = (cmd, args) =>
    runAs
      ? execFileSync('runuser', ['-u', runAs, '--', cmd, ...args], {
          stdio: 'pipe',
        })
      : execFileSync(cmd, args, { stdio: 'pipe' });
  run(`${bin}/initdb`, [
    '-D',
    data,
    '-U',
    'opshub',
    '-A',
    'scram-sha-256',
    `--pwfile=${pwfile}`,
    '--no-sync',
  ]);
  run(`${bin}/pg_ctl`, [
    '-D',
    data,
    '-l',
    path.join(dir, 'server.log'),
    '-w',
    '-t',
    '60',
    '-o',
    `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off -c max_connections=200`,
    'start',
  ]);
  log(`Debian PostgreSQL ${version} up on 127.0.0.1:${port}`);
  return {
    connectionString: `postgresql://opshub:${encodeURIComponent(
      password,
    )}@127.0.0.1:${port}`,
    stop() {
      try {
        run(`${bin}/pg_ctl`, ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
