import { MultiCompareResult } from '@opshub/plugin-devops-inspector-common';
import { difference, targetResult } from '../../testing/compare';
import {
  buildMatrix,
  definitionFields,
  EMPTY_FILTER,
  filterMatrix,
} from './model';

const dropped = difference({
  objectType: 'table',
  name: 'disputes',
  change: 'removed',
  severity: 'breaking',
  hazards: [{ code: 'table_dropped', reason: 'gone' }],
  children: [
    difference({
      objectType: 'sequence',
      name: 'disputes_id_seq',
      change: 'removed',
      severity: 'breaking',
    }),
    difference({
      objectType: 'index',
      table: 'disputes',
      name: 'disputes_payment_idx',
      change: 'removed',
      severity: 'hazard',
    }),
  ],
});
const indexDropped = difference({
  objectType: 'index',
  table: 'disputes',
  name: 'disputes_payment_idx',
  change: 'removed',
  severity: 'hazard',
  hazards: [{ code: 'index_dropped', reason: 'slower reads' }],
});
const enumChanged = difference({
  objectType: 'enum',
  name: 'payment_status',
  change: 'modified',
  severity: 'breaking',
  source: { values: ['new', 'paid', 'disputed'], comment: null },
  target: { values: ['new', 'paid'], comment: null },
});
const columnAdded = difference({
  objectType: 'column',
  schema: 'billing',
  table: 'invoices',
  name: 'currency',
  change: 'added',
  target: { type: 'text', nullable: true },
});

const result: MultiCompareResult = {
  source: 'prod',
  generatedAt: '2026-12-01T10:00:00.000Z',
  results: [
    targetResult('prod', 'uat', [columnAdded, enumChanged, dropped]),
    targetResult('prod', 'dev', [
      indexDropped,
      { ...enumChanged, target: { values: ['new'], comment: 'x' } },
    ]),
    { target: 'qa', error: 'connection refused' },
  ],
};

describe('buildMatrix', () => {
  const model = buildMatrix(result);

  it('makes one row per key with a cell per target, sorted by type, schema and name', () => {
    expect(model.columns.map(c => [c.ref, c.error])).toEqual([
      ['uat', undefined],
      ['dev', undefined],
      ['qa', 'connection refused'],
    ]);
    expect(model.rows.map(r => r.key)).toEqual([
      'enum:public.payment_status',
      'table:public.disputes',
      'column:billing.invoices.currency',
      'index:public.disputes.disputes_payment_idx',
    ]);
    const [enumRow, tableRow, columnRow] = model.rows;
    expect(enumRow.cells.map(c => c?.target)).toEqual([
      { values: ['new', 'paid'], comment: null },
      { values: ['new'], comment: 'x' },
      undefined,
    ]);
    // same in dev, not compared in qa
    expect(columnRow.cells.map(c => c?.change)).toEqual([
      'added',
      undefined,
      undefined,
    ]);
    expect(tableRow.severity).toBe('breaking');
    expect(Array.from(columnRow.changes)).toEqual(['added']);
    expect(model.objectTypes).toEqual(['enum', 'table', 'column', 'index']);
    expect(model.schemas).toEqual(['billing', 'public']);
  });

  it('keeps folded children under their table and marks where a top-level object is folded', () => {
    const tableRow = model.rows[1];
    expect(tableRow.children.map(c => [c.key, c.cells[0]?.change])).toEqual([
      ['sequence:public.disputes_id_seq', 'removed'],
      ['index:public.disputes.disputes_payment_idx', 'removed'],
    ]);
    // the index is its own row (dropped alone in dev), and folded in uat
    const indexRow = model.rows[3];
    expect(indexRow.cells.map(c => c?.change)).toEqual([
      undefined,
      'removed',
      undefined,
    ]);
    expect(indexRow.foldedInto?.map(d => d?.key)).toEqual([
      'table:public.disputes',
      undefined,
      undefined,
    ]);
    // the sequence is never a row of its own
    expect(model.rows.some(r => r.objectType === 'sequence')).toBe(false);
  });
});

describe('filterMatrix', () => {
  const model = buildMatrix(result);
  const keys = (filter = EMPTY_FILTER, expanded = new Set<string>()) =>
    filterMatrix(model, filter, expanded).items.map(i => i.id);

  it('puts rows under group headers by object type and schema', () => {
    expect(keys()).toEqual([
      'group:enum:public',
      'enum:public.payment_status',
      'group:table:public',
      'table:public.disputes',
      'group:column:billing',
      'column:billing.invoices.currency',
      'group:index:public',
      'index:public.disputes.disputes_payment_idx',
    ]);
    const view = filterMatrix(model, EMPTY_FILTER, new Set());
    expect(view.rowCount).toBe(4);
  });

  it('shows the children of an expanded row', () => {
    expect(keys(EMPTY_FILTER, new Set(['table:public.disputes']))).toEqual([
      'group:enum:public',
      'enum:public.payment_status',
      'group:table:public',
      'table:public.disputes',
      'table:public.disputes>sequence:public.disputes_id_seq',
      'table:public.disputes>index:public.disputes.disputes_payment_idx',
      'group:column:billing',
      'column:billing.invoices.currency',
      'group:index:public',
      'index:public.disputes.disputes_payment_idx',
    ]);
  });

  it('filters by type, schema, change and breaking', () => {
    expect(keys({ ...EMPTY_FILTER, types: ['column'] })).toEqual([
      'group:column:billing',
      'column:billing.invoices.currency',
    ]);
    expect(keys({ ...EMPTY_FILTER, schemas: ['billing'] })).toEqual([
      'group:column:billing',
      'column:billing.invoices.currency',
    ]);
    expect(keys({ ...EMPTY_FILTER, changes: ['removed'] })).toEqual([
      'group:table:public',
      'table:public.disputes',
      'group:index:public',
      'index:public.disputes.disputes_payment_idx',
    ]);
    expect(keys({ ...EMPTY_FILTER, breakingOnly: true })).toEqual([
      'group:enum:public',
      'enum:public.payment_status',
      'group:table:public',
      'table:public.disputes',
    ]);
  });

  it('searches names case-insensitively and finds folded children under their table', () => {
    expect(keys({ ...EMPTY_FILTER, search: 'PAYMENT_S' })).toEqual([
      'group:enum:public',
      'enum:public.payment_status',
    ]);
    expect(keys({ ...EMPTY_FILTER, search: 'id_seq' })).toEqual([
      'group:table:public',
      'table:public.disputes',
      'table:public.disputes>sequence:public.disputes_id_seq',
    ]);
  });
});

describe('definitionFields', () => {
  it('lines up the source with each target and marks what differs', () => {
    const model = buildMatrix(result);
    expect(definitionFields(model.rows[0])).toEqual([
      {
        field: 'values',
        source: '["new","paid","disputed"]',
        targets: ['["new","paid"]', '["new"]', undefined],
        differs: [true, true, false],
      },
      {
        field: 'comment',
        source: 'null',
        targets: ['null', 'x', undefined],
        differs: [false, true, false],
      },
    ]);
    // added: only targets have a definition
    expect(definitionFields(model.rows[2])[0]).toEqual({
      field: 'type',
      source: undefined,
      targets: ['text', undefined, undefined],
      differs: [true, false, false],
    });
  });
});
