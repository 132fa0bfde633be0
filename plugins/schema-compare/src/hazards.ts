import { DifferenceSeverity, Hazard } from './types';
import { CatalogObject } from './catalog';
import { RawDifference } from './diff';

/**
 * The class of one hazard code and why it has that class.
 *
 * @public
 */
export interface HazardClass {
  /** The class of a difference with this hazard (the most serious wins). */
  severity: DifferenceSeverity;
  /** One line: why a difference with this hazard has this severity. */
  why: string;
}

function classes<T extends Record<string, HazardClass>>(table: T): T {
  return table;
}

const breaking = (why: string): HazardClass => ({ severity: 'breaking', why });
const risky = (why: string): HazardClass => ({ severity: 'hazard', why });
const info = (why: string): HazardClass => ({ severity: 'info', why });

/**
 * The classification of every hazard code the engine emits (the package
 * README has the same table): `breaking` when code that works against the
 * source fails against the target, `hazard` when code keeps working but
 * applying the change is risky (locks, a table rewrite, lost data or an
 * index, other rows accepted, visible or touched), `info` otherwise. A
 * difference takes the most serious class of its hazards; one without
 * hazards is `info`.
 *
 * @public
 */
export const HAZARD_CLASSES = classes({
  schema_dropped: breaking('Code naming the schema or its objects fails.'),
  extension_dropped: breaking(
    "The extension's types and functions are missing: code using them fails.",
  ),
  enum_dropped: breaking('Columns, casts and code using the type fail.'),
  enum_value_removed: breaking('Writing or casting the removed value fails.'),
  enum_order_changed: risky(
    'Comparisons and ORDER BY on the type give other results; the order cannot be changed in place.',
  ),
  enum_value_added: info(
    'Existing values keep working; code may see the new value.',
  ),
  sequence_dropped: breaking('Defaults and code calling nextval on it fail.'),
  sequence_bounds_narrowed: breaking(
    'nextval fails sooner, or at once when the sequence is past the new bound.',
  ),
  sequence_changed: info(
    'Increment, start, cache or cycle differ: other values, same calls.',
  ),
  sequence_owner_changed: info(
    'Only the owning role or column differs (what is dropped with it).',
  ),
  function_dropped: breaking('Callers of the function fail.'),
  function_signature_changed: breaking(
    'The return type or the kind (function or procedure) differs: callers fail, and it must be dropped and created.',
  ),
  function_changed: info(
    'The body differs under the same signature: callers keep working.',
  ),
  table_dropped: breaking(
    'Code using the table fails, and dropping it loses its data.',
  ),
  column_dropped: breaking(
    'Code reading or writing the column fails, and dropping it loses its data.',
  ),
  column_added_not_null: breaking(
    'Inserts that do not set the new NOT NULL column (no default) fail.',
  ),
  type_narrowed: breaking(
    'Values valid on the source may not fit the target type.',
  ),
  type_changed: breaking(
    'Clients see another type, and casting existing rows may fail.',
  ),
  type_widened: risky(
    'Every value fits, but the conversion may rewrite the table under an ACCESS EXCLUSIVE lock.',
  ),
  set_not_null: breaking('Inserts and updates that write NULL fail.'),
  drop_not_null: info('Writes keep working; the column may hold NULLs.'),
  default_changed: info(
    'Inserts keep working; rows inserted without a value get another value.',
  ),
  identity_changed: info(
    'Inserts keep working (e.g. ALWAYS becomes BY DEFAULT, or an identity is added).',
  ),
  identity_always: breaking(
    'The column becomes GENERATED ALWAYS: inserts that set it fail without OVERRIDING SYSTEM VALUE.',
  ),
  identity_dropped: breaking(
    'The column loses its identity and has no default: inserts that leave it out fail.',
  ),
  generated_added: breaking(
    'The column becomes generated: code writing it fails.',
  ),
  generated_changed: risky(
    'The generation differs: the column is recreated and recomputed (a table rewrite), or keeps only old values.',
  ),
  primary_key_dropped: breaking(
    'ON CONFLICT on the key fails, and duplicates become possible.',
  ),
  unique_dropped: breaking(
    'ON CONFLICT on the unique columns fails, and duplicates become possible.',
  ),
  unique_may_fail: breaking(
    'A new unique constraint or index rejects writes the source accepts, and fails to build on duplicates.',
  ),
  exclusion_may_fail: breaking(
    'A new exclusion constraint rejects writes the source accepts.',
  ),
  check_may_fail: breaking(
    'A new or changed check constraint rejects writes the source accepts.',
  ),
  fk_may_fail: breaking(
    'A new or changed foreign key rejects writes the source accepts.',
  ),
  fk_action_changed: risky(
    'Only ON DELETE / ON UPDATE differ: writes are accepted alike, but deleting or updating referenced rows cascades, nulls or is refused differently.',
  ),
  constraint_dropped: risky(
    'The target accepts rows the source rejects: code keeps working, data integrity is weaker.',
  ),
  index_dropped: risky(
    'Code keeps working; queries using the index slow down.',
  ),
  index_added: risky(
    'Building the index blocks writes unless it is created CONCURRENTLY.',
  ),
  index_changed: risky(
    'The index is dropped and rebuilt: writes are blocked and queries slow meanwhile.',
  ),
  view_dropped: breaking('Queries on the view fail.'),
  view_changed: risky(
    'The view is recreated: queries on it may see other columns or rows.',
  ),
  materialized_view_dropped: breaking('Queries on the materialized view fail.'),
  materialized_view_changed: risky(
    'The materialized view is dropped, recreated and repopulated: it is missing and locked meanwhile.',
  ),
  trigger_dropped: risky(
    "Writes keep working, but the trigger's side effects no longer happen.",
  ),
  trigger_changed: risky('Writes keep working, with other side effects.'),
  policy_dropped: risky('Rows visible or writable per role differ.'),
  policy_added: risky('Rows visible or writable per role differ.'),
  policy_changed: risky('Rows visible or writable per role differ.'),
  rls_enabled: breaking(
    'Row-level security is switched on: roles without a matching policy see no rows and cannot write.',
  ),
  rls_changed: risky('Row-level security settings differ.'),
  partitioning_changed: risky(
    'The table must be recreated and its data copied to change its partitioning.',
  ),
  extension_changed: risky(
    'ALTER EXTENSION UPDATE runs upgrade scripts that may change its types and functions.',
  ),
});

/**
 * Every hazard code the engine can emit.
 *
 * @public
 */
export type HazardCode = keyof typeof HAZARD_CLASSES;

/** A hazard whose code is in {@link HAZARD_CLASSES}. */
function hazard(code: HazardCode, reason: string): Hazard {
  return { code, reason };
}

/**
 * The class of a difference with these hazards: the most serious class of
 * its hazard codes, `info` without hazards. Throws on a code missing from
 * {@link HAZARD_CLASSES} (there is no silent default).
 *
 * @public
 */
export function severityOf(hazards: readonly Hazard[]): DifferenceSeverity {
  let severity: DifferenceSeverity = 'info';
  for (const { code } of hazards) {
    const entry: HazardClass | undefined = Object.prototype.hasOwnProperty.call(
      HAZARD_CLASSES,
      code,
    )
      ? HAZARD_CLASSES[code as HazardCode]
      : undefined;
    if (!entry) {
      throw new Error(`Hazard code ${JSON.stringify(code)} has no class`);
    }
    if (entry.severity === 'breaking') {
      return 'breaking';
    }
    if (entry.severity === 'hazard') {
      severity = 'hazard';
    }
  }
  return severity;
}

type Def = Record<string, any>;

/** `varchar(64)` → { base: 'character varying', args: [64] }. */
function parseType(type: string): { base: string; args: number[] } {
  const match = /^(.*?)\((\d+)(?:,\s*(\d+))?\)(.*)$/.exec(type);
  if (!match) {
    return { base: type, args: [] };
  }
  const args = [Number(match[2])];
  if (match[3] !== undefined) {
    args.push(Number(match[3]));
  }
  return { base: `${match[1]}${match[4]}`, args };
}

const INTEGER_WIDTH: Record<string, number> = {
  smallint: 2,
  integer: 4,
  bigint: 8,
};
const FLOAT_WIDTH: Record<string, number> = { real: 4, 'double precision': 8 };
const TEXTUAL = new Set(['text', 'character varying', 'character']);

/**
 * How a column's type changes from `from` to `to`: `widened` (every value
 * fits), `narrowed` (some values may not fit) or `changed` (a different
 * type: casts may fail).
 *
 * @internal
 */
export function classifyTypeChange(
  from: string,
  to: string,
): 'widened' | 'narrowed' | 'changed' {
  const a = parseType(from);
  const b = parseType(to);
  if (INTEGER_WIDTH[a.base] && INTEGER_WIDTH[b.base]) {
    return INTEGER_WIDTH[b.base] >= INTEGER_WIDTH[a.base]
      ? 'widened'
      : 'narrowed';
  }
  if (FLOAT_WIDTH[a.base] && FLOAT_WIDTH[b.base]) {
    return FLOAT_WIDTH[b.base] >= FLOAT_WIDTH[a.base] ? 'widened' : 'narrowed';
  }
  if (INTEGER_WIDTH[a.base] && b.base === 'numeric') {
    return b.args.length === 0 ? 'widened' : 'narrowed';
  }
  if (a.base === 'numeric' && b.base === 'numeric') {
    if (b.args.length === 0) {
      return 'widened';
    }
    if (a.args.length === 0) {
      return 'narrowed';
    }
    const [ap, as = 0] = a.args;
    const [bp, bs = 0] = b.args;
    return bs >= as && bp - bs >= ap - as ? 'widened' : 'narrowed';
  }
  if (TEXTUAL.has(a.base) && TEXTUAL.has(b.base)) {
    if (
      b.base === 'text' ||
      (b.base === 'character varying' && !b.args.length)
    ) {
      return 'widened';
    }
    if (a.base === 'text' || !a.args.length) {
      return 'narrowed';
    }
    if (a.base === 'character' && b.base === 'character varying') {
      return b.args[0] >= a.args[0] ? 'widened' : 'narrowed';
    }
    if (a.base === b.base) {
      return b.args[0] >= a.args[0] ? 'widened' : 'narrowed';
    }
    return 'narrowed';
  }
  if (a.base === b.base && a.args.length && b.args.length) {
    // timestamp(p), time(p), interval(p), bit varying(n): fewer digits
    return b.args[0] >= a.args[0] ? 'widened' : 'narrowed';
  }
  if (a.base === b.base && !b.args.length) {
    return 'widened';
  }
  if (a.base === b.base && !a.args.length) {
    return 'narrowed';
  }
  return 'changed';
}

function columnHazards(diff: RawDifference): Hazard[] {
  const s = diff.source?.def as Def | undefined;
  const t = diff.target?.def as Def | undefined;
  if (diff.change === 'removed') {
    return [
      hazard(
        'column_dropped',
        'The column exists only in the source: code that reads or writes it fails on the target, and dropping it loses its data.',
      ),
    ];
  }
  if (diff.change === 'added') {
    if (t!.notNull && t!.default === null && !t!.identity && !t!.generated) {
      return [
        hazard(
          'column_added_not_null',
          'The target adds a NOT NULL column without a default: inserts that do not set it fail, and adding it to a table with rows fails.',
        ),
      ];
    }
    return [];
  }
  const hazards: Hazard[] = [];
  if (s!.dataType !== t!.dataType) {
    const kind = classifyTypeChange(s!.dataType, t!.dataType);
    if (kind === 'narrowed') {
      hazards.push(
        hazard(
          'type_narrowed',
          `The type narrows from ${s!.dataType} to ${
            t!.dataType
          }: values valid on the source may not fit, and the conversion rewrites the table.`,
        ),
      );
    } else if (kind === 'changed') {
      hazards.push(
        hazard(
          'type_changed',
          `The type changes from ${s!.dataType} to ${
            t!.dataType
          }: the cast may fail on existing rows and clients see a different type.`,
        ),
      );
    } else {
      hazards.push(
        hazard(
          'type_widened',
          `The type widens from ${s!.dataType} to ${
            t!.dataType
          }; the conversion may rewrite the table under an ACCESS EXCLUSIVE lock.`,
        ),
      );
    }
  }
  if (!s!.notNull && t!.notNull) {
    hazards.push(
      hazard(
        'set_not_null',
        'The column is NOT NULL on the target: inserts without a value fail, and SET NOT NULL fails while rows hold NULL.',
      ),
    );
  } else if (s!.notNull && !t!.notNull) {
    hazards.push(
      hazard(
        'drop_not_null',
        'The column accepts NULL on the target; code may start to see NULLs.',
      ),
    );
  }
  if (s!.default !== t!.default) {
    hazards.push(
      hazard(
        'default_changed',
        `The default changes from ${s!.default ?? 'none'} to ${
          t!.default ?? 'none'
        }: rows inserted without a value differ.`,
      ),
    );
  }
  if (s!.identity !== t!.identity) {
    const change = `Identity changes from ${s!.identity ?? 'none'} to ${
      t!.identity ?? 'none'
    }`;
    if (t!.identity === 'always') {
      hazards.push(
        hazard(
          'identity_always',
          `${change}: inserts that set the column fail without OVERRIDING SYSTEM VALUE.`,
        ),
      );
    } else if (!t!.identity && t!.default === null && !t!.generated) {
      hazards.push(
        hazard(
          'identity_dropped',
          `${change} and the column has no default: inserts that leave it out fail.`,
        ),
      );
    } else {
      hazards.push(hazard('identity_changed', `${change}.`));
    }
  }
  if (s!.generated !== t!.generated) {
    if (!s!.generated) {
      hazards.push(
        hazard(
          'generated_added',
          'The column is generated on the target: code that writes it fails, and making it generated recreates the column.',
        ),
      );
    } else {
      hazards.push(
        hazard(
          'generated_changed',
          t!.generated
            ? 'The generation expression changes: the column is recreated and recomputed.'
            : 'The column is no longer generated on the target: it is recreated and keeps no values.',
        ),
      );
    }
  }
  return hazards;
}

/** A foreign key's definition without its ON DELETE / ON UPDATE actions and NOT VALID. */
function foreignKeyWithoutActions(definition: string): string {
  return definition
    .replace(
      /\s+ON (?:DELETE|UPDATE) (?:CASCADE|RESTRICT|NO ACTION|SET NULL|SET DEFAULT)(?:\s*\([^)]*\))?/g,
      '',
    )
    .replace(/\s+NOT VALID$/, '')
    .trim();
}

/**
 * True when two foreign key definitions differ only in their referential
 * actions (or NOT VALID): the same rows are accepted.
 *
 * @internal
 */
export function onlyForeignKeyActionsDiffer(from: string, to: string): boolean {
  return foreignKeyWithoutActions(from) === foreignKeyWithoutActions(to);
}

function constraintHazards(diff: RawDifference): Hazard[] {
  const kind = ((diff.target ?? diff.source)!.def as Def).kind as string;
  if (diff.change === 'removed') {
    if (kind === 'primary_key') {
      return [
        hazard(
          'primary_key_dropped',
          'The primary key exists only in the source: duplicates become possible and ON CONFLICT on it fails.',
        ),
      ];
    }
    if (kind === 'unique' || kind === 'exclusion') {
      return [
        hazard(
          'unique_dropped',
          `The ${kind} constraint exists only in the source: duplicates become possible and ON CONFLICT on it fails.`,
        ),
      ];
    }
    return [
      hazard(
        'constraint_dropped',
        `The ${kind.replace(
          '_',
          ' ',
        )} constraint exists only in the source: the target accepts rows the source rejects.`,
      ),
    ];
  }
  const verb = diff.change === 'added' ? 'adds' : 'changes';
  switch (kind) {
    case 'primary_key':
    case 'unique':
      return [
        hazard(
          'unique_may_fail',
          `The target ${verb} a ${kind.replace(
            '_',
            ' ',
          )} constraint: creating it fails if existing rows hold duplicates, and it takes a lock while it builds its index.`,
        ),
      ];
    case 'exclusion':
      return [
        hazard(
          'exclusion_may_fail',
          `The target ${verb} an exclusion constraint: creating it fails if existing rows conflict.`,
        ),
      ];
    case 'check':
      return [
        hazard(
          'check_may_fail',
          `The target ${verb} a check constraint: existing rows may violate it (add it NOT VALID, then VALIDATE).`,
        ),
      ];
    case 'foreign_key': {
      if (
        diff.change === 'modified' &&
        onlyForeignKeyActionsDiffer(
          (diff.source!.def as Def).definition,
          (diff.target!.def as Def).definition,
        )
      ) {
        return [
          hazard(
            'fk_action_changed',
            'Only the ON DELETE / ON UPDATE actions of the foreign key differ: deleting or updating referenced rows behaves differently, and re-adding the key revalidates it.',
          ),
        ];
      }
      return [
        hazard(
          'fk_may_fail',
          `The target ${verb} a foreign key: existing rows may reference missing keys (add it NOT VALID, then VALIDATE).`,
        ),
      ];
    }
    default:
      return [];
  }
}

function indexHazards(diff: RawDifference): Hazard[] {
  const s = diff.source?.def as Def | undefined;
  const t = diff.target?.def as Def | undefined;
  if (diff.change === 'removed') {
    return [
      ...(s!.unique
        ? [
            hazard(
              'unique_dropped',
              'The unique index exists only in the source: duplicates become possible and ON CONFLICT on its columns fails.',
            ),
          ]
        : []),
      hazard(
        'index_dropped',
        s!.unique
          ? 'Queries that use the index may become slow.'
          : 'The index exists only in the source: queries that use it may become slow.',
      ),
    ];
  }
  const hazards: Hazard[] = [];
  if (t!.unique && (!s || !s.unique)) {
    hazards.push(
      hazard(
        'unique_may_fail',
        'The target has a unique index: creating it fails if existing rows hold duplicates.',
      ),
    );
  }
  if (s && s.unique && !t!.unique) {
    hazards.push(
      hazard(
        'unique_dropped',
        'The index is no longer unique on the target: duplicates are accepted and ON CONFLICT on its columns fails.',
      ),
    );
  }
  hazards.push(
    hazard(
      diff.change === 'added' ? 'index_added' : 'index_changed',
      'Building the index blocks writes unless it is created CONCURRENTLY (outside a transaction).',
    ),
  );
  return hazards;
}

function enumHazards(diff: RawDifference): Hazard[] {
  if (diff.change !== 'modified') {
    return diff.change === 'removed'
      ? [hazard('enum_dropped', 'The enum type exists only in the source.')]
      : [];
  }
  const from = (diff.source!.def as Def).values as string[];
  const to = (diff.target!.def as Def).values as string[];
  const toSet = new Set(to);
  const removed = from.filter(v => !toSet.has(v));
  const hazards: Hazard[] = [];
  if (removed.length) {
    hazards.push(
      hazard(
        'enum_value_removed',
        `Values ${removed
          .map(v => JSON.stringify(v))
          .join(
            ', ',
          )} exist only in the source: writing or casting them fails on the target, and PostgreSQL cannot drop an enum value in place.`,
      ),
    );
  }
  const kept = from.filter(v => toSet.has(v));
  const keptInTarget = to.filter(v => kept.includes(v));
  if (kept.join('\u0000') !== keptInTarget.join('\u0000')) {
    hazards.push(
      hazard(
        'enum_order_changed',
        'The order of the values differs: comparisons and ORDER BY on the column give other results.',
      ),
    );
  }
  const fromSet = new Set(from);
  const added = to.filter(v => !fromSet.has(v));
  if (added.length) {
    hazards.push(
      hazard(
        'enum_value_added',
        `The target adds ${added
          .map(v => JSON.stringify(v))
          .join(
            ', ',
          )}; ALTER TYPE ... ADD VALUE cannot be used in the same transaction as the new value.`,
      ),
    );
  }
  return hazards;
}

function sequenceHazards(diff: RawDifference): Hazard[] {
  if (diff.change === 'removed') {
    return [
      hazard(
        'sequence_dropped',
        'The sequence exists only in the source: defaults and code calling nextval on it fail.',
      ),
    ];
  }
  if (diff.change === 'added') {
    return [];
  }
  const s = diff.source!.def as Def;
  const t = diff.target!.def as Def;
  const hazards: Hazard[] = [];
  if (
    BigInt(t.maxValue) < BigInt(s.maxValue) ||
    BigInt(t.minValue) > BigInt(s.minValue) ||
    classifyTypeChange(s.dataType, t.dataType) === 'narrowed'
  ) {
    hazards.push(
      hazard(
        'sequence_bounds_narrowed',
        'The target sequence has narrower bounds: nextval may fail sooner or the sequence may already be past them.',
      ),
    );
  }
  if (
    s.increment !== t.increment ||
    s.cycle !== t.cycle ||
    s.cache !== t.cache ||
    s.start !== t.start
  ) {
    hazards.push(
      hazard(
        'sequence_changed',
        `Increment, start, cache or cycle differ (increment ${s.increment} → ${t.increment}, cycle ${s.cycle} → ${t.cycle}).`,
      ),
    );
  }
  if (s.owner !== t.owner || stringify(s.ownedBy) !== stringify(t.ownedBy)) {
    hazards.push(
      hazard(
        'sequence_owner_changed',
        'The owning role or the owning column of the sequence differs.',
      ),
    );
  }
  return hazards;
}

function stringify(value: unknown): string {
  return JSON.stringify(value ?? null);
}

/**
 * The `RETURNS ...` line of a function's definition (`pg_get_functiondef`),
 * `undefined` for procedures.
 *
 * @internal
 */
export function returnsOf(definition: string): string | undefined {
  return /^\s*RETURNS (.*)$/m.exec(definition)?.[1]?.trim();
}

/**
 * True when a function's kind or return type differs: `CREATE OR REPLACE`
 * cannot change either, and callers fail.
 *
 * @internal
 */
export function functionSignatureChanged(from: Def, to: Def): boolean {
  return (
    from.kind !== to.kind ||
    returnsOf(String(from.definition)) !== returnsOf(String(to.definition))
  );
}

const DROPPED = {
  schema: ['schema_dropped', 'The schema exists only in the source.'],
  extension: [
    'extension_dropped',
    'The extension exists only in the source: its types and functions are missing on the target.',
  ],
  table: [
    'table_dropped',
    'The table exists only in the source: code that uses it fails on the target, and dropping it loses its data.',
  ],
  function: [
    'function_dropped',
    'The function exists only in the source (or its arguments differ): callers fail on the target.',
  ],
  view: [
    'view_dropped',
    'The view exists only in the source: queries on it fail.',
  ],
  materialized_view: [
    'materialized_view_dropped',
    'The materialized view exists only in the source: queries on it fail.',
  ],
  trigger: [
    'trigger_dropped',
    'The trigger exists only in the source: its side effects do not happen on the target.',
  ],
  policy: [
    'policy_dropped',
    'The row-level security policy exists only in the source: the target grants or filters rows differently.',
  ],
} as const satisfies Record<string, readonly [HazardCode, string]>;

const CHANGED = {
  extension: 'extension_changed',
  function: 'function_changed',
  view: 'view_changed',
  materialized_view: 'materialized_view_changed',
  trigger: 'trigger_changed',
  policy: 'policy_changed',
} as const satisfies Record<string, HazardCode>;

/**
 * The hazards of one difference; its class is {@link severityOf} them.
 *
 * @internal
 */
export function hazardsOf(diff: RawDifference): Hazard[] {
  const object = (diff.source ?? diff.target) as CatalogObject;
  switch (object.objectType) {
    case 'column':
      return columnHazards(diff);
    case 'constraint':
    case 'foreign_key':
      return constraintHazards(diff);
    case 'index':
      return indexHazards(diff);
    case 'enum':
      return enumHazards(diff);
    case 'sequence':
      return sequenceHazards(diff);
    default:
      break;
  }
  const type = object.objectType;
  if (diff.change === 'removed') {
    if (type in DROPPED) {
      const [code, reason] = DROPPED[type as keyof typeof DROPPED];
      return [hazard(code, reason)];
    }
    return [];
  }
  if (diff.change === 'added') {
    if (type === 'policy') {
      return [
        hazard(
          'policy_added',
          'The target has a row-level security policy the source has not: rows visible or writable differ.',
        ),
      ];
    }
    return [];
  }
  if (type === 'table') {
    const s = diff.source!.def as Def;
    const t = diff.target!.def as Def;
    const hazards: Hazard[] = [];
    if (!s.rowSecurity && t.rowSecurity) {
      hazards.push(
        hazard(
          'rls_enabled',
          'Row-level security is enabled on the target: roles without a matching policy see no rows.',
        ),
      );
    } else if (
      s.rowSecurity !== t.rowSecurity ||
      s.forceRowSecurity !== t.forceRowSecurity
    ) {
      hazards.push(
        hazard('rls_changed', 'Row-level security settings differ.'),
      );
    }
    if (s.partitionKey !== t.partitionKey || s.partitioned !== t.partitioned) {
      hazards.push(
        hazard(
          'partitioning_changed',
          'The partitioning differs: changing it means recreating the table.',
        ),
      );
    }
    return hazards;
  }
  if (
    type === 'function' &&
    functionSignatureChanged(diff.source!.def as Def, diff.target!.def as Def)
  ) {
    return [
      hazard(
        'function_signature_changed',
        'The return type or the kind of the function differs: callers fail, and it must be dropped and created again.',
      ),
    ];
  }
  if (type in CHANGED) {
    return [
      hazard(
        CHANGED[type as keyof typeof CHANGED],
        `The ${type.replace(
          '_',
          ' ',
        )} has a different definition on the target.`,
      ),
    ];
  }
  return [];
}
