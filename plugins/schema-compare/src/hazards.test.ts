import fs from 'fs';
import path from 'path';
import { CatalogObject } from './catalog';
import { RawDifference } from './diff';
import {
  HAZARD_CLASSES,
  HazardCode,
  hazardsOf,
  onlyForeignKeyActionsDiffer,
  severityOf,
} from './hazards';
import { DIFFERENCE_SEVERITIES, SchemaObjectType } from './types';

type Def = Record<string, unknown>;

const obj = (
  objectType: SchemaObjectType,
  def: Def,
  extra: Partial<CatalogObject> = {},
): CatalogObject => ({
  objectType,
  schema: 'public',
  name: `${objectType}_x`,
  def,
  ...extra,
});

const column = (def: Def) =>
  obj(
    'column',
    {
      dataType: 'text',
      notNull: false,
      default: null,
      identity: null,
      generated: null,
      ...def,
    },
    { table: 't' },
  );
const constraint = (kind: string, definition = 'CHECK (a > 0)') =>
  obj(kind === 'foreign_key' ? 'foreign_key' : 'constraint', {
    kind,
    definition,
  });
const index = (unique: boolean, definition = 'CREATE INDEX i ON t (a)') =>
  obj('index', { unique, definition }, { table: 't' });
const enumType = (values: string[]) => obj('enum', { values });
const sequence = (def: Def) =>
  obj('sequence', {
    dataType: 'bigint',
    increment: '1',
    minValue: '1',
    maxValue: '9223372036854775807',
    start: '1',
    cache: '1',
    cycle: false,
    owner: 'postgres',
    ownedBy: null,
    ...def,
  });
const fn = (returns: string, body = 'SELECT 1', kind = 'function') =>
  obj('function', {
    kind,
    definition: `CREATE OR REPLACE FUNCTION public.f(a integer)\n RETURNS ${returns}\n LANGUAGE sql\nAS $function$${body}$function$\n`,
  });
const table = (def: Def) =>
  obj('table', {
    partitioned: false,
    partitionKey: null,
    rowSecurity: false,
    forceRowSecurity: false,
    ...def,
  });

const removed = (source: CatalogObject): RawDifference => ({
  change: 'removed',
  source,
});
const added = (target: CatalogObject): RawDifference => ({
  change: 'added',
  target,
});
const modified = (
  source: CatalogObject,
  target: CatalogObject,
): RawDifference => ({ change: 'modified', source, target });

const FK = 'FOREIGN KEY (p) REFERENCES parent(id)';

/** One difference per branch of `hazardsOf`, with the codes it must give. */
const CASES: Array<[string, RawDifference, HazardCode[]]> = [
  ['schema dropped', removed(obj('schema', {})), ['schema_dropped']],
  [
    'extension dropped',
    removed(obj('extension', { version: '1' })),
    ['extension_dropped'],
  ],
  [
    'extension updated',
    modified(
      obj('extension', { version: '1' }),
      obj('extension', { version: '2' }),
    ),
    ['extension_changed'],
  ],
  ['enum dropped', removed(enumType(['a'])), ['enum_dropped']],
  [
    'enum values',
    modified(enumType(['a', 'b', 'c']), enumType(['c', 'b', 'd'])),
    ['enum_value_removed', 'enum_order_changed', 'enum_value_added'],
  ],
  ['sequence dropped', removed(sequence({})), ['sequence_dropped']],
  [
    'sequence changed',
    modified(
      sequence({}),
      sequence({ maxValue: '1000', increment: '5', owner: 'app' }),
    ),
    ['sequence_bounds_narrowed', 'sequence_changed', 'sequence_owner_changed'],
  ],
  ['function dropped', removed(fn('integer')), ['function_dropped']],
  [
    'function body',
    modified(fn('integer'), fn('integer', 'SELECT 2')),
    ['function_changed'],
  ],
  [
    'function return type',
    modified(fn('integer'), fn('bigint')),
    ['function_signature_changed'],
  ],
  ['table dropped', removed(table({})), ['table_dropped']],
  [
    'row-level security on',
    modified(table({}), table({ rowSecurity: true })),
    ['rls_enabled'],
  ],
  [
    'row-level security forced',
    modified(
      table({ rowSecurity: true }),
      table({ rowSecurity: true, forceRowSecurity: true }),
    ),
    ['rls_changed'],
  ],
  [
    'partitioning',
    modified(
      table({}),
      table({ partitioned: true, partitionKey: 'RANGE (a)' }),
    ),
    ['partitioning_changed'],
  ],
  ['column dropped', removed(column({})), ['column_dropped']],
  [
    'NOT NULL column added',
    added(column({ notNull: true })),
    ['column_added_not_null'],
  ],
  ['nullable column added', added(column({})), []],
  [
    'type narrowed',
    modified(column({}), column({ dataType: 'character varying(5)' })),
    ['type_narrowed'],
  ],
  [
    'type changed',
    modified(column({}), column({ dataType: 'integer' })),
    ['type_changed'],
  ],
  [
    'type widened',
    modified(column({ dataType: 'integer' }), column({ dataType: 'bigint' })),
    ['type_widened'],
  ],
  [
    'set not null',
    modified(column({}), column({ notNull: true })),
    ['set_not_null'],
  ],
  [
    'drop not null',
    modified(column({ notNull: true }), column({})),
    ['drop_not_null'],
  ],
  [
    'default',
    modified(column({}), column({ default: "'x'::text" })),
    ['default_changed'],
  ],
  [
    'identity ALWAYS to BY DEFAULT',
    modified(
      column({ identity: 'always', notNull: true }),
      column({ identity: 'by default', notNull: true }),
    ),
    ['identity_changed'],
  ],
  [
    'identity to ALWAYS',
    modified(
      column({ identity: 'by default', notNull: true }),
      column({ identity: 'always', notNull: true }),
    ),
    ['identity_always'],
  ],
  [
    'identity dropped',
    modified(
      column({ identity: 'by default', notNull: true }),
      column({ notNull: true }),
    ),
    ['identity_dropped'],
  ],
  [
    'becomes generated',
    modified(column({}), column({ generated: 'a * 2' })),
    ['generated_added'],
  ],
  [
    'generation changed',
    modified(column({ generated: 'a * 2' }), column({ generated: 'a * 3' })),
    ['generated_changed'],
  ],
  [
    'primary key dropped',
    removed(constraint('primary_key', 'PRIMARY KEY (id)')),
    ['primary_key_dropped'],
  ],
  [
    'unique constraint dropped',
    removed(constraint('unique', 'UNIQUE (a)')),
    ['unique_dropped'],
  ],
  ['check dropped', removed(constraint('check')), ['constraint_dropped']],
  [
    'unique constraint added',
    added(constraint('unique', 'UNIQUE (a)')),
    ['unique_may_fail'],
  ],
  [
    'exclusion added',
    added(constraint('exclusion', 'EXCLUDE USING gist (a WITH &&)')),
    ['exclusion_may_fail'],
  ],
  ['check added', added(constraint('check')), ['check_may_fail']],
  ['foreign key added', added(constraint('foreign_key', FK)), ['fk_may_fail']],
  [
    'foreign key columns changed',
    modified(
      constraint('foreign_key', FK),
      constraint('foreign_key', 'FOREIGN KEY (q) REFERENCES parent(id)'),
    ),
    ['fk_may_fail'],
  ],
  [
    'foreign key action changed',
    modified(
      constraint('foreign_key', `${FK} ON DELETE CASCADE`),
      constraint('foreign_key', `${FK} ON DELETE RESTRICT`),
    ),
    ['fk_action_changed'],
  ],
  ['index dropped', removed(index(false)), ['index_dropped']],
  [
    'unique index dropped',
    removed(index(true)),
    ['unique_dropped', 'index_dropped'],
  ],
  ['index added', added(index(false)), ['index_added']],
  [
    'unique index added',
    added(index(true)),
    ['unique_may_fail', 'index_added'],
  ],
  [
    'index changed',
    modified(index(false), index(false, 'CREATE INDEX i ON t (a DESC)')),
    ['index_changed'],
  ],
  [
    'index no longer unique',
    modified(index(true), index(false)),
    ['unique_dropped', 'index_changed'],
  ],
  [
    'view dropped',
    removed(obj('view', { definition: 'SELECT 1' })),
    ['view_dropped'],
  ],
  [
    'view changed',
    modified(
      obj('view', { definition: 'SELECT 1' }),
      obj('view', { definition: 'SELECT 2' }),
    ),
    ['view_changed'],
  ],
  [
    'materialized view dropped',
    removed(obj('materialized_view', { definition: 'SELECT 1' })),
    ['materialized_view_dropped'],
  ],
  [
    'materialized view changed',
    modified(
      obj('materialized_view', { definition: 'SELECT 1' }),
      obj('materialized_view', { definition: 'SELECT 2' }),
    ),
    ['materialized_view_changed'],
  ],
  [
    'trigger dropped',
    removed(obj('trigger', { definition: 'x', enabled: 'O' })),
    ['trigger_dropped'],
  ],
  [
    'trigger changed',
    modified(
      obj('trigger', { definition: 'x', enabled: 'O' }),
      obj('trigger', { definition: 'x', enabled: 'D' }),
    ),
    ['trigger_changed'],
  ],
  [
    'policy dropped',
    removed(obj('policy', { using: 'true' })),
    ['policy_dropped'],
  ],
  ['policy added', added(obj('policy', { using: 'true' })), ['policy_added']],
  [
    'policy changed',
    modified(
      obj('policy', { using: 'true' }),
      obj('policy', { using: 'false' }),
    ),
    ['policy_changed'],
  ],
  ['table added', added(table({})), []],
  ['view added', added(obj('view', { definition: 'SELECT 1' })), []],
];

describe('the classification of hazard codes', () => {
  it.each(CASES)('%s', (_name, diff, expected) => {
    expect(hazardsOf(diff).map(h => h.code)).toEqual(expected);
  });

  it('classifies every code the engine emits, and every code in the table is emitted', () => {
    const emitted = new Set(
      CASES.flatMap(([, diff]) => hazardsOf(diff).map(h => h.code)),
    );
    const classified = new Set(Object.keys(HAZARD_CLASSES));
    expect([...emitted].filter(code => !classified.has(code))).toEqual([]);
    expect([...classified].filter(code => !emitted.has(code))).toEqual([]);
    for (const entry of Object.values(HAZARD_CLASSES)) {
      expect(DIFFERENCE_SEVERITIES).toContain(entry.severity);
      expect(entry.why.length).toBeGreaterThan(10);
    }
  });

  it.each([
    ['index_dropped', 'hazard'],
    ['index_added', 'hazard'],
    ['fk_action_changed', 'hazard'],
    ['constraint_dropped', 'hazard'],
    ['type_widened', 'hazard'],
    ['trigger_dropped', 'hazard'],
    ['enum_order_changed', 'hazard'],
    ['column_dropped', 'breaking'],
    ['table_dropped', 'breaking'],
    ['function_dropped', 'breaking'],
    ['view_dropped', 'breaking'],
    ['type_narrowed', 'breaking'],
    ['column_added_not_null', 'breaking'],
    ['enum_value_removed', 'breaking'],
    ['check_may_fail', 'breaking'],
    ['unique_may_fail', 'breaking'],
    ['fk_may_fail', 'breaking'],
    ['unique_dropped', 'breaking'],
    ['rls_enabled', 'breaking'],
    ['default_changed', 'info'],
    ['drop_not_null', 'info'],
    ['enum_value_added', 'info'],
    ['function_changed', 'info'],
  ] as const)('%s is %s', (code, severity) => {
    expect(HAZARD_CLASSES[code].severity).toBe(severity);
  });

  it('gives a difference the most serious class of its hazards', () => {
    const h = (code: string) => ({ code, reason: '' });
    expect(severityOf([])).toBe('info');
    expect(severityOf([h('default_changed')])).toBe('info');
    expect(severityOf([h('default_changed'), h('index_dropped')])).toBe(
      'hazard',
    );
    expect(
      severityOf([h('index_dropped'), h('unique_dropped'), h('drop_not_null')]),
    ).toBe('breaking');
    expect(() => severityOf([h('no_such_code')])).toThrow(
      'Hazard code "no_such_code" has no class',
    );
    expect(() => severityOf([h('toString')])).toThrow('has no class');
  });

  it('tells a changed foreign key action from a changed key', () => {
    expect(
      onlyForeignKeyActionsDiffer(
        `${FK} ON UPDATE CASCADE ON DELETE SET NULL (p)`,
        `${FK} NOT VALID`,
      ),
    ).toBe(true);
    expect(
      onlyForeignKeyActionsDiffer(FK, `${FK} MATCH FULL ON DELETE CASCADE`),
    ).toBe(false);
    expect(onlyForeignKeyActionsDiffer(FK, `${FK} DEFERRABLE`)).toBe(false);
  });

  it('is the table written in the README', () => {
    const readme = fs.readFileSync(
      path.resolve(__dirname, '../README.md'),
      'utf8',
    );
    const rows = [
      ...readme.matchAll(
        /^\| `([a-z_]+)` +\| (breaking|hazard|info) +\| (.+?) +\|$/gm,
      ),
    ].map(([, code, severity, why]) => [code, severity, why]);
    expect(rows).toEqual(
      Object.entries(HAZARD_CLASSES).map(([code, entry]) => [
        code,
        entry.severity,
        entry.why,
      ]),
    );
  });
});
