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
jest.setTimeout(30_000);

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
      expect(stdout.split('\n')[4]).toContain('[BREAKING]');
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
  },
);
