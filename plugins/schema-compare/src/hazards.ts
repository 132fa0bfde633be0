import { Hazard } from './types';
import { CatalogObject } from './catalog';
import { RawDifference } from './diff';

/**
 * Hazard codes that make a difference breaking: code or data that works on
 * the source fails on the target, or the migration may fail on existing rows.
 *
 * @internal
 */
export const BREAKING_HAZARDS: ReadonlySet<string> = new Set([
  'schema_dropped',
  'extension_dropped',
  'enum_dropped',
  'enum_value_removed',
  'enum_order_changed',
  'sequence_dropped',
  'sequence_bounds_narrowed',
  'function_dropped',
  'function_signature_changed',
  'table_dropped',
  'column_dropped',
  'column_added_not_null',
  'type_narrowed',
  'type_changed',
  'set_not_null',
  'generated_changed',
  'unique_may_fail',
  'unique_dropped',
  'primary_key_dropped',
  'check_may_fail',
  'exclusion_may_fail',
  'fk_may_fail',
  'index_dropped',
  'view_dropped',
  'materialized_view_dropped',
  'rls_enabled',
]);

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
      {
        code: 'column_dropped',
        reason:
          'The column exists only in the source: code that reads or writes it fails on the target, and dropping it loses its data.',
      },
    ];
  }
  if (diff.change === 'added') {
    if (t!.notNull && t!.default === null && !t!.identity && !t!.generated) {
      return [
        {
          code: 'column_added_not_null',
          reason:
            'The target adds a NOT NULL column without a default: inserts that do not set it fail, and adding it to a table with rows fails.',
        },
      ];
    }
    return [];
  }
  const hazards: Hazard[] = [];
  if (s!.dataType !== t!.dataType) {
    const kind = classifyTypeChange(s!.dataType, t!.dataType);
    if (kind === 'narrowed') {
      hazards.push({
        code: 'type_narrowed',
        reason: `The type narrows from ${s!.dataType} to ${
          t!.dataType
        }: values valid on the source may not fit, and the conversion rewrites the table.`,
      });
    } else if (kind === 'changed') {
      hazards.push({
        code: 'type_changed',
        reason: `The type changes from ${s!.dataType} to ${
          t!.dataType
        }: the cast may fail on existing rows and clients see a different type.`,
      });
    } else {
      hazards.push({
        code: 'type_widened',
        reason: `The type widens from ${s!.dataType} to ${
          t!.dataType
        }; the conversion may rewrite the table under an ACCESS EXCLUSIVE lock.`,
      });
    }
  }
  if (!s!.notNull && t!.notNull) {
    hazards.push({
      code: 'set_not_null',
      reason:
        'The column is NOT NULL on the target: inserts without a value fail, and SET NOT NULL fails while rows hold NULL.',
    });
  } else if (s!.notNull && !t!.notNull) {
    hazards.push({
      code: 'drop_not_null',
      reason:
        'The column accepts NULL on the target; code may start to see NULLs.',
    });
  }
  if (s!.default !== t!.default) {
    hazards.push({
      code: 'default_changed',
      reason: `The default changes from ${s!.default ?? 'none'} to ${
        t!.default ?? 'none'
      }: rows inserted without a value differ.`,
    });
  }
  if (s!.identity !== t!.identity) {
    hazards.push({
      code: 'identity_changed',
      reason: `Identity changes from ${s!.identity ?? 'none'} to ${
        t!.identity ?? 'none'
      }.`,
    });
  }
  if (s!.generated !== t!.generated) {
    hazards.push({
      code: 'generated_changed',
      reason:
        'The generation expression changes: writes to a generated column fail and changing it recreates the column.',
    });
  }
  return hazards;
}

function constraintHazards(diff: RawDifference): Hazard[] {
  const kind = ((diff.target ?? diff.source)!.def as Def).kind as string;
  if (diff.change === 'removed') {
    if (kind === 'primary_key') {
      return [
        {
          code: 'primary_key_dropped',
          reason:
            'The primary key exists only in the source: duplicates become possible and ON CONFLICT on it fails.',
        },
      ];
    }
    if (kind === 'unique' || kind === 'exclusion') {
      return [
        {
          code: 'unique_dropped',
          reason: `The ${kind} constraint exists only in the source: duplicates become possible and ON CONFLICT on it fails.`,
        },
      ];
    }
    return [
      {
        code: 'constraint_dropped',
        reason: `The ${kind.replace(
          '_',
          ' ',
        )} constraint exists only in the source: the target accepts rows the source rejects.`,
      },
    ];
  }
  const verb = diff.change === 'added' ? 'adds' : 'changes';
  switch (kind) {
    case 'primary_key':
    case 'unique':
      return [
        {
          code: 'unique_may_fail',
          reason: `The target ${verb} a ${kind.replace(
            '_',
            ' ',
          )} constraint: creating it fails if existing rows hold duplicates, and it takes a lock while it builds its index.`,
        },
      ];
    case 'exclusion':
      return [
        {
          code: 'exclusion_may_fail',
          reason: `The target ${verb} an exclusion constraint: creating it fails if existing rows conflict.`,
        },
      ];
    case 'check':
      return [
        {
          code: 'check_may_fail',
          reason: `The target ${verb} a check constraint: existing rows may violate it (add it NOT VALID, then VALIDATE).`,
        },
      ];
    case 'foreign_key':
      return [
        {
          code: 'fk_may_fail',
          reason: `The target ${verb} a foreign key: existing rows may reference missing keys (add it NOT VALID, then VALIDATE).`,
        },
      ];
    default:
      return [];
  }
}

function indexHazards(diff: RawDifference): Hazard[] {
  const s = diff.source?.def as Def | undefined;
  const t = diff.target?.def as Def | undefined;
  if (diff.change === 'removed') {
    return [
      {
        code: s!.unique ? 'unique_dropped' : 'index_dropped',
        reason: s!.unique
          ? 'The unique index exists only in the source: duplicates become possible and ON CONFLICT on its columns fails.'
          : 'The index exists only in the source: queries that use it may become slow.',
      },
      ...(s!.unique
        ? [
            {
              code: 'index_dropped',
              reason: 'Queries that use the index may become slow.',
            },
          ]
        : []),
    ];
  }
  const hazards: Hazard[] = [];
  if (t!.unique && (!s || !s.unique)) {
    hazards.push({
      code: 'unique_may_fail',
      reason:
        'The target has a unique index: creating it fails if existing rows hold duplicates.',
    });
  }
  if (s && s.unique && !t!.unique) {
    hazards.push({
      code: 'unique_dropped',
      reason:
        'The index is no longer unique on the target: duplicates are accepted and ON CONFLICT on its columns fails.',
    });
  }
  hazards.push({
    code: diff.change === 'added' ? 'index_added' : 'index_changed',
    reason:
      'Building the index blocks writes unless it is created CONCURRENTLY (outside a transaction).',
  });
  return hazards;
}

function enumHazards(diff: RawDifference): Hazard[] {
  if (diff.change !== 'modified') {
    return diff.change === 'removed'
      ? [
          {
            code: 'enum_dropped',
            reason: 'The enum type exists only in the source.',
          },
        ]
      : [];
  }
  const from = (diff.source!.def as Def).values as string[];
  const to = (diff.target!.def as Def).values as string[];
  const toSet = new Set(to);
  const removed = from.filter(v => !toSet.has(v));
  const hazards: Hazard[] = [];
  if (removed.length) {
    hazards.push({
      code: 'enum_value_removed',
      reason: `Values ${removed
        .map(v => JSON.stringify(v))
        .join(
          ', ',
        )} exist only in the source: writing or casting them fails on the target, and PostgreSQL cannot drop an enum value in place.`,
    });
  }
  const kept = from.filter(v => toSet.has(v));
  const keptInTarget = to.filter(v => kept.includes(v));
  if (kept.join('\u0000') !== keptInTarget.join('\u0000')) {
    hazards.push({
      code: 'enum_order_changed',
      reason:
        'The order of the values differs: comparisons and ORDER BY on the column give other results.',
    });
  }
  const fromSet = new Set(from);
  const added = to.filter(v => !fromSet.has(v));
  if (added.length) {
    hazards.push({
      code: 'enum_value_added',
      reason: `The target adds ${added
        .map(v => JSON.stringify(v))
        .join(
          ', ',
        )}; ALTER TYPE ... ADD VALUE cannot be used in the same transaction as the new value.`,
    });
  }
  return hazards;
}

function sequenceHazards(diff: RawDifference): Hazard[] {
  if (diff.change === 'removed') {
    return [
      {
        code: 'sequence_dropped',
        reason:
          'The sequence exists only in the source: defaults and code calling nextval on it fail.',
      },
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
    hazards.push({
      code: 'sequence_bounds_narrowed',
      reason:
        'The target sequence has narrower bounds: nextval may fail sooner or the sequence may already be past them.',
    });
  }
  if (
    s.increment !== t.increment ||
    s.cycle !== t.cycle ||
    s.cache !== t.cache ||
    s.start !== t.start
  ) {
    hazards.push({
      code: 'sequence_changed',
      reason: `Increment, start, cache or cycle differ (increment ${s.increment} → ${t.increment}, cycle ${s.cycle} → ${t.cycle}).`,
    });
  }
  if (s.owner !== t.owner || stringify(s.ownedBy) !== stringify(t.ownedBy)) {
    hazards.push({
      code: 'sequence_owner_changed',
      reason: 'The owning role or the owning column of the sequence differs.',
    });
  }
  return hazards;
}

function stringify(value: unknown): string {
  return JSON.stringify(value ?? null);
}

const DROPPED: Record<string, [string, string]> = {
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
};

/**
 * The hazards of one difference. A difference is breaking when one of its
 * hazard codes is in {@link BREAKING_HAZARDS}.
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
  if (diff.change === 'removed') {
    const [code, reason] = DROPPED[object.objectType];
    return [{ code, reason }];
  }
  if (diff.change === 'added') {
    if (object.objectType === 'policy') {
      return [
        {
          code: 'policy_added',
          reason:
            'The target has a row-level security policy the source has not: rows visible or writable differ.',
        },
      ];
    }
    return [];
  }
  if (object.objectType === 'table') {
    const s = diff.source!.def as Def;
    const t = diff.target!.def as Def;
    const hazards: Hazard[] = [];
    if (!s.rowSecurity && t.rowSecurity) {
      hazards.push({
        code: 'rls_enabled',
        reason:
          'Row-level security is enabled on the target: roles without a matching policy see no rows.',
      });
    } else if (
      s.rowSecurity !== t.rowSecurity ||
      s.forceRowSecurity !== t.forceRowSecurity
    ) {
      hazards.push({
        code: 'rls_changed',
        reason: 'Row-level security settings differ.',
      });
    }
    if (s.partitionKey !== t.partitionKey || s.partitioned !== t.partitioned) {
      hazards.push({
        code: 'partitioning_changed',
        reason:
          'The partitioning differs: changing it means recreating the table.',
      });
    }
    return hazards;
  }
  return [
    {
      code: `${object.objectType}_changed`,
      reason: `The ${object.objectType.replace(
        '_',
        ' ',
      )} has a different definition on the target.`,
    },
  ];
}

/** True when one of the hazards is breaking. @internal */
export function isBreaking(hazards: Hazard[]): boolean {
  return hazards.some(h => BREAKING_HAZARDS.has(h.code));
}
