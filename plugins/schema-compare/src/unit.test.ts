import { CatalogObject } from './catalog';
import { diffSnapshots } from './diff';
import { classifyTypeChange, hazardsOf, severityOf } from './hazards';
import { quoteIdent, quoteLiteral, statementsFor } from './sql';

const column = (name: string, def: Record<string, unknown>): CatalogObject => ({
  objectType: 'column',
  schema: 'public',
  table: 't',
  name,
  def: {
    dataType: 'text',
    notNull: false,
    default: null,
    identity: null,
    generated: null,
    ...def,
  },
});

describe('quoteIdent and quoteLiteral', () => {
  it.each([
    ['simple', '"simple"'],
    ['MixedCase', '"MixedCase"'],
    ['a"b', '"a""b"'],
    ['x"; DROP TABLE y; --', '"x""; DROP TABLE y; --"'],
    ['名前', '"名前"'],
    ['x'.repeat(63), `"${'x'.repeat(63)}"`],
  ])('quotes %j', (name, quoted) => {
    expect(quoteIdent(name)).toBe(quoted);
  });
  it('rejects NUL and escapes literals', () => {
    expect(() => quoteIdent('a\u0000b')).toThrow();
    expect(quoteLiteral("it's")).toBe("'it''s'");
    expect(quoteLiteral('a\\b')).toBe("E'a\\\\b'");
  });
});

describe('classifyTypeChange', () => {
  it.each([
    ['text', 'character varying(10)', 'narrowed'],
    ['character varying(10)', 'text', 'widened'],
    ['character varying(10)', 'character varying(5)', 'narrowed'],
    ['bigint', 'integer', 'narrowed'],
    ['integer', 'bigint', 'widened'],
    ['numeric(10,2)', 'numeric(8,2)', 'narrowed'],
    ['numeric(5,2)', 'numeric', 'widened'],
    ['double precision', 'real', 'narrowed'],
    ['text', 'integer', 'changed'],
  ])('%s -> %s is %s', (from, to, kind) => {
    expect(classifyTypeChange(from, to)).toBe(kind);
  });
});

describe('diffSnapshots and hazards', () => {
  it('finds added, removed and modified objects in one pass', () => {
    const diffs = diffSnapshots(
      { objects: [column('a', {}), column('b', {}), column('c', {})] },
      {
        objects: [
          column('a', {}),
          column('b', { notNull: true }),
          column('d', {}),
        ],
      },
    );
    expect(
      diffs.map(d => `${(d.source ?? d.target)!.name} ${d.change}`),
    ).toEqual(['b modified', 'c removed', 'd added']);
    const [b, c, d] = diffs;
    expect(hazardsOf(b).map(h => h.code)).toEqual(['set_not_null']);
    expect(severityOf(hazardsOf(b))).toBe('breaking');
    expect(hazardsOf(c).map(h => h.code)).toEqual(['column_dropped']);
    expect(severityOf(hazardsOf(d))).toBe('info');
  });

  it('treats a changed default as not breaking', () => {
    const [diff] = diffSnapshots(
      { objects: [column('a', { default: "'EUR'" })] },
      { objects: [column('a', { default: "'USD'" })] },
    );
    expect(hazardsOf(diff)).toEqual([
      expect.objectContaining({ code: 'default_changed' }),
    ]);
    expect(severityOf(hazardsOf(diff))).toBe('info');
  });

  it('quotes hostile names in generated SQL', () => {
    const hostile: CatalogObject = {
      ...column('c"; DROP TABLE x; --', {}),
      schema: 'S"1',
      table: 'T;2',
    };
    const sql = statementsFor(
      { change: 'removed', source: hostile },
      {
        targetChildren: () => [],
      },
    )
      .map(s => s.sql)
      .join('\n');
    expect(sql).toBe(
      'ALTER TABLE "S""1"."T;2" DROP COLUMN "c""; DROP TABLE x; --";',
    );
  });
});
