import { renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Page } from '@opshub/opshub-common';
import { useEffect, useState } from 'react';
import { usePaging } from '../Pager';
import { PagedTable } from './PagedTable';

type Row = { id: number; name: string };

const rows: Row[] = Array.from({ length: 25 }, (_, i) => ({
  id: i + 1,
  name: `row ${i + 1}`,
}));

/** A paged source like an OpsHub list route. */
const Harness = (props: {
  load: (limit: number, offset: number) => Promise<Page<Row>>;
  onRowClick?: (row: Row) => void;
}) => {
  const paging = usePaging(10);
  const { load } = props;
  const [state, setState] = useState<{
    loading: boolean;
    error?: Error;
    value?: Page<Row>;
  }>({ loading: true });
  useEffect(() => {
    setState(previous => ({ ...previous, loading: true }));
    load(paging.limit, paging.offset).then(
      value => setState({ loading: false, value }),
      error => setState({ loading: false, error }),
    );
  }, [load, paging.limit, paging.offset]);
  return (
    <PagedTable<Row>
      state={state}
      paging={paging}
      columns={[{ title: 'Name', field: 'name' }]}
      title="Rows"
      emptyTitle="No rows yet"
      onRowClick={props.onRowClick}
    />
  );
};

const serve = (items: Row[]) =>
  jest.fn(async (limit: number, offset: number) => ({
    items: items.slice(offset, offset + limit),
    totalCount: items.length,
    limit,
    offset,
  }));

describe('PagedTable', () => {
  it('shows a page with its total, and asks for the next one', async () => {
    const load = serve(rows);
    const clicked: Row[] = [];
    await renderInTestApp(
      <Harness load={load} onRowClick={row => clicked.push(row)} />,
    );
    expect(await screen.findByText('Rows (25)')).toBeInTheDocument();
    expect(screen.getByText('row 10')).toBeInTheDocument();
    expect(screen.queryByText('row 11')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /next page/i }));
    expect(await screen.findByText('row 11')).toBeInTheDocument();
    expect(load).toHaveBeenLastCalledWith(10, 10);
    fireEvent.click(screen.getByText('row 12').closest('tr')!);
    // a single click is reported once the double-click delay has passed;
    // the table adds its own bookkeeping to the row
    await waitFor(() => expect(clicked.map(row => row.id)).toEqual([12]));
  });

  it('shows the empty state when there is nothing', async () => {
    await renderInTestApp(<Harness load={serve([])} />);
    expect(await screen.findByText('No rows yet')).toBeInTheDocument();
  });

  it('shows the error', async () => {
    const failing = jest.fn(async () => {
      throw new Error('backend down');
    });
    await renderInTestApp(<Harness load={failing} />);
    expect(await screen.findByText('Error: backend down')).toBeInTheDocument();
  });
});
