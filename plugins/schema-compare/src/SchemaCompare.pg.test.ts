import fs from 'fs';
import path from 'path';
import { CompareResult, SchemaDifference } from './types';
import {
  createScratchDatabase,
  POSTGRES_SKIP_NOTE,
  postgresTestUrl,
  ScratchDatabase,
} from './testing/postgres';
import { compareUrls } from './compareUrls';
import { HAZARD_CLASSES, severityOf } from './hazards';
import {
  HOSTILE_SCHEMA,
  HOSTILE_TABLE,
  LONG_NAME,
  SOURCE_SQL,
  TARGET_SQL,
  UNICODE_COLUMN,
} from './testing/fixtures';

const serverUrl = postgresTestUrl();
const describeIfPostgres = serverUrl ? describe : describe.skip;
jest.setTimeout(60_000);

function find(
  result: CompareResult,
  objectType: SchemaDifference['objectType'],
  name: string,
  table?: string,
): SchemaDifference {
  const found = result.differences.find(
    d =>
      d.objectType === objectType &&
      d.name === name &&
      (table === undefined || d.table === table),
  );
  if (!found) {
    throw new Error(`No ${objectType} difference ${table ?? ''}.${name}`);
  }
  return found;
}

function codes(d: SchemaDifference): string[] {
  return d.hazards.map(h => h.code);
}

describeIfPostgres(
  `schema compare on PostgreSQL${serverUrl ? '' : POSTGRES_SKIP_NOTE}`,
  () => {
    const databases: ScratchDatabase[] = [];
    let source: ScratchDatabase;
    let target: ScratchDatabase;
    let result: CompareResult;

    async function scratch(sql: string): Promise<ScratchDatabase> {
      const db = await createScratchDatabase(serverUrl!);
      databases.push(db);
      await db.client.query(sql);
      return db;
    }

    beforeAll(async () => {
      source = await scratch(SOURCE_SQL);
      target = await scratch(TARGET_SQL);
      result = await compareUrls(source.url, target.url);
    });

    afterAll(async () => {
      await Promise.all(databases.map(db => db.drop()));
    });

    it('returns the documented shape with a summary', () => {
      expect(result.source).not.toContain('devpass');
      expect(new Date(result.generatedAt).toISOString()).toBe(
        result.generatedAt,
      );
      const { summary } = result;
      expect(summary.total).toBe(result.differences.length);
      expect(
        summary.byChange.added +
          summary.byChange.removed +
          summary.byChange.modified,
      ).toBe(summary.total);
      expect(summary.breakingCount).toBe(
        result.differences.filter(d => d.breaking).length,
      );
    });

    it('finds schemas, extensions, enums and sequences', () => {
      expect(find(result, 'schema', 'only_in_source').change).toBe('removed');
      expect(find(result, 'schema', 'only_in_source').breaking).toBe(true);
      expect(find(result, 'schema', 'only_in_target').change).toBe('added');
      expect(find(result, 'extension', 'citext').change).toBe('added');
      // objects owned by the extension are not listed on their own
      expect(
        result.differences.some(
          d => d.objectType === 'function' && d.name.startsWith('citext'),
        ),
      ).toBe(false);

      const mood = find(result, 'enum', 'mood');
      expect(mood.change).toBe('modified');
      expect(mood.breaking).toBe(true);
      expect(codes(mood)).toEqual(
        expect.arrayContaining(['enum_value_removed', 'enum_value_added']),
      );
      const color = find(result, 'enum', 'color');
      expect(color.breaking).toBe(false);
      expect(color.sql).toContain(
        `ALTER TYPE "public"."color" ADD VALUE IF NOT EXISTS 'yellow' AFTER 'red';`,
      );
      expect(find(result, 'enum', 'gone_enum').change).toBe('removed');
      expect(find(result, 'enum', 'new_enum').sql).toContain(
        `('it''s', 'a;b', E'back\\\\slash')`,
      );

      const seqA = find(result, 'sequence', 'seq_a');
      expect(codes(seqA)).toEqual(
        expect.arrayContaining([
          'sequence_bounds_narrowed',
          'sequence_changed',
        ]),
      );
      expect(seqA.breaking).toBe(true);
      expect(codes(find(result, 'sequence', 'seq_b'))).toContain(
        'sequence_owner_changed',
      );
    });

    it('classifies column changes', () => {
      const col = (name: string) => find(result, 'column', name, 'main');
      expect(codes(col('name'))).toEqual(['type_narrowed']);
      expect(codes(col('amount'))).toEqual(['type_narrowed']);
      expect(col('amount').breaking).toBe(true);
      expect(codes(col('note'))).toEqual(['type_widened']);
      expect(col('note').breaking).toBe(false);
      expect(codes(col('code'))).toEqual(['drop_not_null']);
      expect(col('code').breaking).toBe(false);
      expect(codes(col('maybe'))).toEqual(['set_not_null']);
      expect(col('maybe').breaking).toBe(true);
      expect(codes(col('created'))).toEqual(['default_changed']);
      expect(col('created').breaking).toBe(false);
      expect(codes(col('id'))).toEqual(['identity_changed']);
      expect(codes(col('doubled'))).toEqual(['generated_changed']);
      expect(col('legacy').change).toBe('removed');
      expect(codes(col('legacy'))).toEqual(['column_dropped']);
      expect(col('extra').change).toBe('added');
      expect(col('extra').breaking).toBe(false);
      expect(codes(col('required'))).toEqual(['column_added_not_null']);
      expect(
        result.differences.some(d => d.table === 'main' && d.name === 'status'),
      ).toBe(false);
    });

    it('classifies constraints, foreign keys and indexes', () => {
      expect(codes(find(result, 'constraint', 'main_code_unique'))).toEqual([
        'unique_dropped',
      ]);
      const check = find(result, 'constraint', 'main_amount_check');
      expect(check.change).toBe('modified');
      expect(codes(check)).toEqual(['check_may_fail']);
      expect(check.sql).toContain('NOT VALID;');
      expect(check.sql).toContain('VALIDATE CONSTRAINT "main_amount_check"');
      expect(codes(find(result, 'constraint', 'main_name_unique'))).toEqual([
        'unique_may_fail',
      ]);
      expect(codes(find(result, 'constraint', 'main_during_excl'))).toEqual([
        'exclusion_may_fail',
      ]);
      const fk = find(result, 'foreign_key', 'main_parent_fk');
      expect(fk.change).toBe('added');
      expect(codes(fk)).toEqual(['fk_may_fail']);
      expect(fk.sql).toMatch(
        /NOT VALID;\nALTER TABLE "public"."main" VALIDATE CONSTRAINT "main_parent_fk";/,
      );

      const dropped = find(result, 'index', 'main_created_idx');
      expect(dropped.change).toBe('removed');
      expect(codes(dropped)).toEqual(['index_dropped']);
      // a dropped index slows queries down but breaks no code
      expect(dropped.severity).toBe('hazard');
      expect(dropped.breaking).toBe(false);
      expect(find(result, 'index', 'main_changed_idx').change).toBe('modified');
      expect(codes(find(result, 'index', 'main_new_unique_idx'))).toContain(
        'unique_may_fail',
      );
    });

    it('finds tables, views, functions, triggers and policies', () => {
      const removed = find(result, 'table', 'only_source_table');
      expect(removed.change).toBe('removed');
      expect(codes(removed)).toEqual(['table_dropped']);
      const added = find(result, 'table', 'only_target_table');
      expect(added.change).toBe('added');
      expect(added.breaking).toBe(false);
      expect((added.target as any).columns.map((c: any) => c.name)).toEqual([
        'id',
        'parent_id',
        'v',
        'n',
      ]);
      // the children of a whole table are part of its difference
      expect(
        result.differences.some(d => d.table === 'only_target_table'),
      ).toBe(false);
      expect(added.sql).toContain('CREATE TABLE "public"."only_target_table"');

      const main = find(result, 'table', 'main');
      expect(codes(main)).toEqual(['rls_enabled']);
      expect(find(result, 'policy', 'main_added_policy').change).toBe('added');
      expect(find(result, 'policy', 'main_removed_policy').change).toBe(
        'removed',
      );

      expect(find(result, 'view', 'v_changed').change).toBe('modified');
      expect(codes(find(result, 'view', 'v_removed'))).toEqual([
        'view_dropped',
      ]);
      expect(find(result, 'view', 'v_added').change).toBe('added');
      expect(find(result, 'materialized_view', 'mv_changed').change).toBe(
        'modified',
      );

      expect(find(result, 'function', 'f_changed(a integer)').change).toBe(
        'modified',
      );
      const removedFn = find(
        result,
        'function',
        'f_removed(a integer, b text)',
      );
      expect(codes(removedFn)).toEqual(['function_dropped']);
      expect(removedFn.sql).toBe(
        'DROP FUNCTION "public"."f_removed"(a integer, b text);',
      );
      expect(
        find(result, 'function', 'p_added(IN x integer)').target,
      ).toMatchObject({
        kind: 'procedure',
      });

      expect(find(result, 'trigger', 'main_added_trg').change).toBe('added');
      expect(find(result, 'trigger', 'main_removed_trg').change).toBe(
        'removed',
      );
    });

    it('classifies every difference by the table, the most serious hazard winning', () => {
      const all = result.differences.flatMap(d => [d, ...(d.children ?? [])]);
      for (const d of all) {
        expect(d.severity).toBe(severityOf(d.hazards));
        expect(d.breaking).toBe(d.severity === 'breaking');
        for (const { code } of d.hazards) {
          expect(Object.keys(HAZARD_CLASSES)).toContain(code);
        }
      }
      const severity = (
        objectType: SchemaDifference['objectType'],
        name: string,
        table?: string,
      ) => {
        const d = find(result, objectType, name, table);
        return `${codes(d).join('+')} ${d.severity}`;
      };
      expect(severity('foreign_key', 'child_parent_fk', 'child')).toBe(
        'fk_action_changed hazard',
      );
      expect(severity('foreign_key', 'main_parent_fk', 'main')).toBe(
        'fk_may_fail breaking',
      );
      expect(severity('index', 'main_created_idx', 'main')).toBe(
        'index_dropped hazard',
      );
      expect(severity('index', 'main_new_unique_idx', 'main')).toBe(
        'unique_may_fail+index_added breaking',
      );
      expect(severity('index', 'main_changed_idx', 'main')).toBe(
        'index_changed hazard',
      );
      expect(severity('column', 'legacy', 'main')).toBe(
        'column_dropped breaking',
      );
      expect(severity('column', 'note', 'main')).toBe('type_widened hazard');
      expect(severity('column', 'created', 'main')).toBe(
        'default_changed info',
      );
      expect(severity('column', 'extra', 'main')).toBe(' info');
      expect(severity('column', 'code', 'main')).toBe('drop_not_null info');
      expect(severity('enum', 'color')).toBe('enum_value_added info');
      expect(severity('function', 'f_returns(a integer)')).toBe(
        'function_signature_changed breaking',
      );
      expect(severity('function', 'f_changed(a integer)')).toBe(
        'function_changed info',
      );
      expect(severity('trigger', 'main_removed_trg', 'main')).toBe(
        'trigger_dropped hazard',
      );
      expect(severity('table', 'only_source_table')).toBe(
        'table_dropped breaking',
      );
      expect(severity('table', 'only_target_table')).toBe(' info');
    });

    it('folds the dependents of a table on one side only into it', () => {
      const removed = find(result, 'table', 'only_source_table');
      expect(removed.children!.map(c => `${c.key} ${c.change}`)).toEqual([
        'sequence:public.only_source_table_id_seq removed',
        'constraint:public.only_source_table.only_source_table_pkey removed',
        'foreign_key:public.only_source_table.only_source_table_parent_id_fkey removed',
        'index:public.only_source_table.only_source_table_v removed',
      ]);
      const added = find(result, 'table', 'only_target_table');
      expect(added.children!.map(c => c.key)).toEqual([
        'sequence:public.only_target_table_n_seq',
        'constraint:public.only_target_table.only_target_table_pkey',
        'foreign_key:public.only_target_table.only_target_table_parent_id_fkey',
        'index:public.only_target_table.only_target_table_v',
      ]);
      expect(added.sql).toContain(
        'CREATE SEQUENCE "public"."only_target_table_n_seq"',
      );
      const keys = result.differences.map(d => d.key);
      expect(keys).not.toContain('sequence:public.only_source_table_id_seq');
      expect(keys).not.toContain('sequence:public.only_target_table_n_seq');
      expect(result.migrationSql).not.toContain(
        'DROP SEQUENCE "public"."only_source_table_id_seq"',
      );
      // the summary counts top-level differences only
      const byHazard: Record<string, number> = {};
      for (const d of result.differences) {
        for (const { code } of d.hazards) {
          byHazard[code] = (byHazard[code] ?? 0) + 1;
        }
      }
      expect(result.summary.byHazard).toEqual(byHazard);
      expect(result.summary.byObjectType.sequence).toBe(2); // seq_a, seq_b
      expect(
        result.summary.bySeverity.breaking +
          result.summary.bySeverity.hazard +
          result.summary.bySeverity.info,
      ).toBe(result.differences.length);
    });

    it('handles hostile names', () => {
      expect(
        result.differences.some(
          d => d.table === LONG_NAME || d.name === LONG_NAME,
        ),
      ).toBe(false);
      const column = find(result, 'column', UNICODE_COLUMN, HOSTILE_TABLE);
      expect(column.schema).toBe(HOSTILE_SCHEMA);
      expect(codes(column)).toEqual(['type_narrowed']);
      const check = find(result, 'constraint', 'chk "x"; --', HOSTILE_TABLE);
      expect(check.sql).toContain(
        `ALTER TABLE "Weird;Schema""x"."Tbl ""quoted""; DROP TABLE x;--" ADD CONSTRAINT "chk ""x""; --"`,
      );
      expect(find(result, 'index', 'Idx "h"; DROP', HOSTILE_TABLE).change).toBe(
        'added',
      );
    });

    it('writes a migration that turns the source into the target', async () => {
      const copy = await scratch(SOURCE_SQL);
      await copy.client.query(result.migrationSql);
      const again = await compareUrls(copy.url, target.url);
      // the only exception: PostgreSQL cannot drop an enum value in place
      expect(
        again.differences.map(d => `${d.objectType} ${d.name} ${d.change}`),
      ).toEqual(['enum mood modified']);
      expect(again.migrationSql).toContain('-- MANUAL');
    });

    it('finds the planted drift of the demo databases', async () => {
      const dir = path.resolve(__dirname, '../../../examples/databases');
      const load = (file: string) =>
        scratch(fs.readFileSync(path.join(dir, file), 'utf8'));
      const [local, dev, uat] = await Promise.all(
        ['local.sql', 'dev.sql', 'uat.sql'].map(load),
      );
      const toDev = await compareUrls(local.url, dev.url);
      const summary = (r: CompareResult) =>
        r.differences
          .map(
            d =>
              `${d.objectType} ${d.table ? `${d.table}.` : ''}${d.name} ${
                d.change
              }${d.breaking ? ' breaking' : ''}`,
          )
          .sort();
      expect(summary(toDev)).toEqual([
        'column accounts.currency modified',
        'column customers.country_code modified',
        'column payments.risk_score added',
        'constraint payments.payments_risk_score_check added breaking',
        'index payments.idx_payments_account_created modified',
        'table disputes removed breaking',
      ]);
      expect(codes(find(toDev, 'column', 'currency'))).toEqual([
        'default_changed',
      ]);
      const toUat = await compareUrls(local.url, uat.url);
      expect(summary(toUat)).toEqual([
        'column customers.email modified breaking',
        'column ledger_entries.amount_cents modified breaking',
        'column payments.description modified breaking',
        'enum payment_status modified breaking',
        'index payment_methods.idx_payment_methods_fingerprint modified breaking',
      ]);
      expect(codes(find(toUat, 'enum', 'payment_status'))).toEqual([
        'enum_value_removed',
      ]);
      expect(codes(find(toUat, 'column', 'description'))).toEqual([
        'set_not_null',
      ]);
      expect(
        codes(find(toUat, 'index', 'idx_payment_methods_fingerprint')),
      ).toContain('unique_dropped');
    });
  },
);
