import fs from 'fs';
import os from 'os';
import path from 'path';
import { SOURCE_SQL, TARGET_SQL } from '../testing/fixtures';
import {
  closedPort,
  createScratchDatabase,
  POSTGRES_SKIP_NOTE,
  postgresTestUrl,
  ScratchDatabase,
} from '../testing/postgres';
import { runCli } from './run';

const serverUrl = postgresTestUrl();
const describeIfPostgres = serverUrl ? describe : describe.skip;
jest.setTimeout(60_000);

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: t => {
      stdout += t;
    },
    stderr: t => {
      stderr += t;
    },
  });
  return { code, stdout, stderr };
}

describeIfPostgres(
  `opshub-inspector compare${serverUrl ? '' : POSTGRES_SKIP_NOTE}`,
  () => {
    const dbs: ScratchDatabase[] = [];
    let source: string;
    let target: string;
    let password: string;

    beforeAll(async () => {
      for (const sql of [SOURCE_SQL, TARGET_SQL, SOURCE_SQL]) {
        const db = await createScratchDatabase(serverUrl!);
        await db.client.query(sql);
        dbs.push(db);
      }
      [source, target] = [dbs[0].url, dbs[1].url];
      password = new URL(source).password;
    });

    afterAll(() => Promise.all(dbs.map(db => db.drop())));

    it('prints JSON and exits 1 only when --fail-on matches', async () => {
      const json = await run(['compare', source, target, '--format', 'json']);
      expect(json.code).toBe(0);
      const result = JSON.parse(json.stdout);
      expect(result.summary.breakingCount).toBeGreaterThan(0);
      expect(json.stdout).not.toContain(password);
      expect(
        (await run(['compare', source, target, '--fail-on', 'breaking'])).code,
      ).toBe(1);
      expect(
        (await run(['compare', source, target, '--fail-on=any'])).code,
      ).toBe(1);
      const same = await run([
        'compare',
        source,
        dbs[2].url,
        '--fail-on',
        'any',
      ]);
      expect(same.code).toBe(0);
      expect(same.stdout).toContain('Differences: 0');
    });

    it('prints text with breaking differences first', async () => {
      const { stdout, code } = await run(['compare', source, target]);
      expect(code).toBe(0);
      const lines = stdout.split('\n');
      expect(lines[2]).toMatch(
        /^Differences: \d+ \(.*\), \d+ breaking, \d+ hazard, \d+ info$/,
      );
      expect(lines[4]).toContain('[BREAKING]');
      const breakingAt = lines.map(l => l.includes('[BREAKING]'));
      const hazardAt = lines.map(l => l.includes('[hazard]'));
      expect(breakingAt.lastIndexOf(true)).toBeLessThan(hazardAt.indexOf(true));
      expect(stdout).toContain(
        '- table public.only_source_table removed [BREAKING]',
      );
      expect(stdout).toContain(
        '    with sequence only_source_table_id_seq, constraint only_source_table_pkey,',
      );
      expect(stdout).toContain('SET check_function_bodies = off;');
      expect(stdout).not.toContain(password);
    });

    it('exits 2 on usage and connection errors without the password', async () => {
      expect((await run([])).code).toBe(2);
      expect((await run(['compare', source])).code).toBe(2);
      expect(
        (await run(['compare', source, target, '--fail-on', 'x'])).code,
      ).toBe(2);
      const port = await closedPort();
      const down = `postgresql://u:S3cret-pw@127.0.0.1:${port}/db`;
      const failed = await run(['compare', down, target]);
      expect(failed.code).toBe(2);
      expect(failed.stderr).toContain('cannot read the source database');
      expect(failed.stderr + failed.stdout).not.toContain('S3cret-pw');
      expect(failed.stderr).not.toContain(password);
    });

    describe('with snapshot files', () => {
      let dir: string;
      let live: ScratchDatabase;

      beforeAll(async () => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opshub-inspector-'));
        live = await createScratchDatabase(serverUrl!);
        await live.client.query(SOURCE_SQL);
        dbs.push(live);
      });
      afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

      it('snapshots a database to a file and compares the file with it', async () => {
        const file = path.join(dir, 'baseline.json');
        const snap = await run(['snapshot', live.url, '--out', file]);
        expect(snap.stderr).toBe('');
        expect(snap.code).toBe(0);
        expect(snap.stdout).toMatch(
          /^Snapshot of postgresql:\/\/[^ @]+\/opshub_inspector_test_\w+ at \S+Z: \d+ objects \(\d+ tables, /,
        );
        expect(snap.stdout).toContain(`written to ${file}`);
        expect(snap.stdout.split('\n')).toHaveLength(2);
        const text = fs.readFileSync(file, 'utf8');
        expect(text).not.toContain(password);
        expect(JSON.parse(text)).toMatchObject({
          format: 'opshub-schema-snapshot',
          version: 1,
        });

        // the file as the source, and as the target
        const same = await run(['compare', file, live.url, '--fail-on', 'any']);
        expect(same.stderr).toBe('');
        expect(same.code).toBe(0);
        expect(same.stdout).toContain('Differences: 0');
        expect(same.stdout).toContain('(snapshot of ');
        expect(
          (await run(['compare', live.url, file, '--fail-on=any'])).code,
        ).toBe(0);
        // a file against a file, and against another database
        expect((await run(['compare', file, file, '--fail-on=any'])).code).toBe(
          0,
        );
        const other = await run([
          'compare',
          file,
          target,
          '--format',
          'json',
          '--fail-on',
          'breaking',
        ]);
        expect(other.code).toBe(1);
        const viaUrls = JSON.parse(
          (await run(['compare', source, target, '--format', 'json'])).stdout,
        );
        expect(JSON.parse(other.stdout).differences).toEqual(
          viaUrls.differences,
        );

        await live.client.query('ALTER TABLE parent ADD COLUMN drifted int');
        const drift = await run([
          'compare',
          file,
          live.url,
          '--fail-on',
          'any',
        ]);
        expect(drift.code).toBe(1);
        expect(drift.stdout).toContain('+ column public.parent.drifted added');
        expect(
          (await run(['compare', file, live.url, '--fail-on', 'breaking']))
            .code,
        ).toBe(0);
      });

      it('writes the snapshot to stdout without --out', async () => {
        const { code, stdout } = await run(['snapshot', target]);
        expect(code).toBe(0);
        expect(stdout).not.toContain(password);
        expect(JSON.parse(stdout).snapshot.objects.length).toBeGreaterThan(50);
      });

      it('exits 2 on a missing, corrupt or foreign file', async () => {
        const missing = await run([
          'compare',
          path.join(dir, 'nope.json'),
          target,
        ]);
        expect(missing.code).toBe(2);
        expect(missing.stderr).toContain(
          'cannot read the source snapshot file',
        );
        expect(missing.stderr).toContain('no such file');

        const corrupt = path.join(dir, 'corrupt.json');
        fs.writeFileSync(corrupt, '{"format":"opshub-schema-snapshot",');
        const bad = await run(['compare', target, corrupt]);
        expect(bad.code).toBe(2);
        expect(bad.stderr).toContain(
          `the target snapshot file ${JSON.stringify(
            corrupt,
          )} is not valid JSON`,
        );
        expect(bad.stderr).not.toContain(password);

        const foreign = path.join(dir, 'foreign.json');
        fs.writeFileSync(foreign, JSON.stringify({ format: 'x', version: 1 }));
        const wrong = await run(['compare', foreign, target]);
        expect(wrong.code).toBe(2);
        expect(wrong.stderr).toContain(
          'is not usable: Not a schema snapshot file: format is "x"',
        );

        expect((await run(['snapshot'])).code).toBe(2);
        expect((await run(['snapshot', foreign])).code).toBe(2);
        expect((await run(['snapshot', target, '--fail-on', 'any'])).code).toBe(
          2,
        );
        const unwritable = await run([
          'snapshot',
          target,
          '--out',
          path.join(dir, 'no-such-dir', 'x.json'),
        ]);
        expect(unwritable.code).toBe(2);
        expect(unwritable.stderr).toContain('ENOENT');
      });
    });
  },
);
