import { readCatalog } from './catalog';
import { compareSnapshots } from './compareSnapshots';
import { withReadOnlyDatabase } from './readOnly';
import {
  parseSnapshotFile,
  stringifySnapshotFile,
  toSnapshotFile,
} from './snapshotFile';
import { SOURCE_SQL } from './testing/fixtures';
import {
  createScratchDatabase,
  POSTGRES_SKIP_NOTE,
  postgresTestUrl,
  ScratchDatabase,
} from './testing/postgres';
import { redactUrl } from '@opshub/opshub-common';

const serverUrl = postgresTestUrl();
const describeIfPostgres = serverUrl ? describe : describe.skip;
jest.setTimeout(60_000);

describeIfPostgres(
  `schema snapshot files on PostgreSQL${serverUrl ? '' : POSTGRES_SKIP_NOTE}`,
  () => {
    let db: ScratchDatabase;
    const read = () =>
      withReadOnlyDatabase(
        db.url,
        { database: 'source', statementTimeoutMs: 30_000 },
        readCatalog,
      );

    beforeAll(async () => {
      db = await createScratchDatabase(serverUrl!);
      await db.client.query(SOURCE_SQL);
    });
    afterAll(() => db?.drop());

    it('compares a snapshot that went through a file with the live database', async () => {
      const text = stringifySnapshotFile(
        toSnapshotFile(await read(), redactUrl(db.url)),
      );
      expect(text).not.toContain(new URL(db.url).password);
      const file = parseSnapshotFile(JSON.parse(text));
      expect(file.snapshot.objects.length).toBeGreaterThan(50);

      const same = compareSnapshots(file.snapshot, await read(), {
        source: file.source,
        target: 'live',
      });
      expect(same.differences).toEqual([]);
      expect(same.migrationSql).toBe('');

      await db.client.query(
        'ALTER TABLE parent ADD COLUMN added_later int; DROP INDEX main_name_idx',
      );
      const drift = compareSnapshots(file.snapshot, await read(), {
        source: file.source,
        target: 'live',
      });
      expect(drift.differences.map(d => `${d.key} ${d.change}`)).toEqual([
        'column:public.parent.added_later added',
        'index:public.main.main_name_idx removed',
      ]);
    });
  },
);
