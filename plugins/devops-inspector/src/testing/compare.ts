import {
  CompareResult,
  DifferenceSeverity,
  MultiCompareResult,
  SchemaChange,
  SchemaDifference,
  SchemaObjectType,
} from '@opshub/plugin-devops-inspector-common';

/** A difference with a key made the engine's way. */
export function difference(
  props: Partial<SchemaDifference> & {
    objectType: SchemaObjectType;
    name: string;
    change: SchemaChange;
  },
): SchemaDifference {
  const schema = props.schema ?? 'public';
  const severity: DifferenceSeverity = props.severity ?? 'info';
  const where = props.table
    ? `${schema}.${props.table}.${props.name}`
    : `${schema}.${props.name}`;
  return {
    key: `${props.objectType}:${where}`,
    schema,
    hazards: [],
    ...props,
    severity,
    breaking: severity === 'breaking',
  };
}

/** A target's result with a summary counted from its top-level differences. */
export function targetResult(
  source: string,
  target: string,
  differences: SchemaDifference[],
  migrationSql = differences
    .map(d => d.sql)
    .filter(Boolean)
    .join('\n'),
): CompareResult {
  const byChange = { added: 0, removed: 0, modified: 0 };
  const bySeverity = { breaking: 0, hazard: 0, info: 0 };
  const byObjectType: Partial<Record<SchemaObjectType, number>> = {};
  const byHazard: Record<string, number> = {};
  for (const d of differences) {
    byChange[d.change]++;
    bySeverity[d.severity]++;
    byObjectType[d.objectType] = (byObjectType[d.objectType] ?? 0) + 1;
    for (const code of new Set(d.hazards.map(h => h.code))) {
      byHazard[code] = (byHazard[code] ?? 0) + 1;
    }
  }
  return {
    source,
    target,
    generatedAt: '2026-12-01T10:00:00.000Z',
    summary: {
      total: differences.length,
      breakingCount: bySeverity.breaking,
      byChange,
      byObjectType,
      bySeverity,
      byHazard,
    },
    differences,
    migrationSql,
  };
}

/**
 * A large comparison like the issue's: `count` column differences over
 * `tables` tables, spread over the targets (each target sees most of them,
 * each with its own change), for rendering tests.
 */
export function generatedResult(
  count: number,
  targets: string[],
  tables = 500,
): MultiCompareResult {
  const changes: SchemaChange[] = ['modified', 'added', 'removed'];
  return {
    source: 'prod',
    generatedAt: '2026-12-01T10:00:00.000Z',
    results: targets.map((target, t) => {
      const differences: SchemaDifference[] = [];
      for (let i = 0; i < count; i++) {
        if ((i + t) % 7 === 0) {
          continue; // the same in this target
        }
        differences.push(
          difference({
            objectType: 'column',
            schema: i % 2 ? 'billing' : 'public',
            table: `t_${i % tables}`,
            name: `c_${i}`,
            change: changes[(i + t) % 3],
            severity: i % 5 === 0 ? 'breaking' : 'info',
            hazards:
              i % 5 === 0 ? [{ code: 'column_dropped', reason: 'gone' }] : [],
          }),
        );
      }
      return targetResult('prod', target, differences, '');
    }),
  };
}
