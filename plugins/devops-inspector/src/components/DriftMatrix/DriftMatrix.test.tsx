import { renderInTestApp } from '@backstage/test-utils';
import { MultiCompareResult } from '@opshub/plugin-devops-inspector-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  difference,
  generatedResult,
  targetResult,
} from '../../testing/compare';
import { DriftMatrix } from './DriftMatrix';
import { buildMatrix } from './model';

const table = difference({
  objectType: 'table',
  name: 'disputes',
  change: 'removed',
  severity: 'breaking',
  hazards: [{ code: 'table_dropped', reason: 'data is lost' }],
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
const column = difference({
  objectType: 'column',
  table: 'payments',
  name: 'currency',
  change: 'added',
});

const small: MultiCompareResult = {
  source: 'prod',
  generatedAt: '2026-12-01T10:00:00.000Z',
  results: [
    targetResult('prod', 'uat', [table, column]),
    targetResult('prod', 'dev', [column]),
    { target: 'qa', error: 'connection refused' },
  ],
};

function render(result: MultiCompareResult, onOpen = jest.fn()) {
  const model = buildMatrix(result);
  return renderInTestApp(
    <DriftMatrix
      model={model}
      labels={model.columns.map(c => c.ref)}
      onOpen={onOpen}
    />,
  );
}

const rowOf = (label: string) =>
  screen
    .getAllByTestId(/drift-(child-)?row/)
    .find(r => within(r).queryByText(label))!;

describe('DriftMatrix', () => {
  it('shows each object once with its change per target, "same", and an errored target', async () => {
    await render(small);
    const grid = screen.getByRole('grid');
    expect(within(grid).getByText('Object (2 of 2)')).toBeInTheDocument();
    expect(
      within(grid).getByText('not compared: connection refused'),
    ).toBeInTheDocument();
    expect(
      within(grid).getByText('2 differences, 1 breaking'),
    ).toBeInTheDocument();
    // group headers
    expect(within(grid).getByText('table · public (1)')).toBeInTheDocument();
    expect(within(grid).getByText('column · public (1)')).toBeInTheDocument();

    const tableCells = within(rowOf('public.disputes')).getAllByRole(
      'gridcell',
    );
    expect(tableCells.map(c => c.textContent)).toEqual([
      'removedbreakingtable_dropped',
      'same',
      'not compared',
    ]);
    const columnCells = within(rowOf('public.payments.currency')).getAllByRole(
      'gridcell',
    );
    expect(columnCells.map(c => c.textContent)).toEqual([
      'addedinfo',
      'addedinfo',
      'not compared',
    ]);
  });

  it('folds dependent objects under their table until expanded', async () => {
    await render(small);
    expect(
      screen.queryByText('public.disputes_id_seq'),
    ).not.toBeInTheDocument();
    expect(screen.getAllByTestId('drift-row')).toHaveLength(2);
    fireEvent.click(
      screen.getByRole('button', {
        name: 'Dependent objects of public.disputes',
      }),
    );
    expect(
      await screen.findByText('public.disputes_id_seq'),
    ).toBeInTheDocument();
    expect(screen.getAllByTestId('drift-child-row')).toHaveLength(2);
    expect(
      within(rowOf('public.disputes.disputes_payment_idx'))
        .getAllByRole('gridcell')
        .map(c => c.textContent),
    ).toEqual(['removedhazard', 'same', 'not compared']);
    // still two objects: the children count once, with their table
    expect(screen.getByText('Object (2 of 2)')).toBeInTheDocument();
  });

  it('filters by change, type, breaking and name, and opens a row', async () => {
    const onOpen = jest.fn();
    await render(small, onOpen);
    fireEvent.change(screen.getByLabelText('Change'), {
      target: { value: 'added' },
    });
    await waitFor(() =>
      expect(screen.getByText('Object (1 of 2)')).toBeInTheDocument(),
    );
    expect(screen.queryByText('public.disputes')).not.toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Change'), {
      target: { value: '' },
    });
    fireEvent.click(screen.getByLabelText('Breaking only'));
    await waitFor(() =>
      expect(screen.getByText('Object (1 of 2)')).toBeInTheDocument(),
    );
    expect(screen.getByText('public.disputes')).toBeInTheDocument();
    fireEvent.click(screen.getByLabelText('Breaking only'));
    fireEvent.change(screen.getByLabelText('Object type'), {
      target: { value: 'column' },
    });
    await waitFor(() =>
      expect(screen.getByText('Object (1 of 2)')).toBeInTheDocument(),
    );
    fireEvent.change(screen.getByLabelText('Object type'), {
      target: { value: '' },
    });
    fireEvent.change(screen.getByLabelText('Search by name'), {
      target: { value: 'payment_idx' },
    });
    // found inside the folded children of the table
    expect(
      await screen.findByText('public.disputes.disputes_payment_idx'),
    ).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Search by name'), {
      target: { value: 'nothing like this' },
    });
    expect(
      await screen.findByText('No difference matches the filters.'),
    ).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Search by name'), {
      target: { value: 'currency' },
    });
    fireEvent.click(await screen.findByText('public.payments.currency'));
    expect(onOpen).toHaveBeenCalledWith(
      expect.objectContaining({ key: 'column:public.payments.currency' }),
    );
  });

  it('renders a window of 3,500 differences over three targets', async () => {
    const result = generatedResult(3500, ['uat', 'dev', 'qa']);
    await render(result);
    expect(screen.getByText('Object (3500 of 3500)')).toBeInTheDocument();
    const rows = screen.getAllByTestId('drift-row');
    // only what fits the window (and its overscan) is in the DOM
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(60);
    expect(within(rows[0]).getAllByRole('gridcell')).toHaveLength(3);
    // the grid knows its full height: every row can be scrolled to
    const grid = screen.getByTestId('drift-matrix');
    expect(grid.getAttribute('aria-rowcount')).toBe(String(3500 + 2 + 1));
    fireEvent.change(screen.getByLabelText('Search by name'), {
      target: { value: 'c_3499' },
    });
    expect(await screen.findByText('billing.t_499.c_3499')).toBeInTheDocument();
  });
});
