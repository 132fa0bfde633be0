import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { releaseOrchestrationApiRef } from '../../api';
import { customer } from '../../testing/data';
import { CustomerPicker } from './CustomerPicker';

const acme = customer();
const globex = customer({ id: 2, name: 'Globex', namespace: 'tenant-globex' });
const wayne = customer({
  id: 3,
  name: 'Wayne Enterprises',
  namespace: 'tenant-wayne',
  isActive: false,
});
const hooli = customer({
  id: 9,
  clusterId: 2,
  clusterName: 'us-east-1',
  name: 'Hooli',
  namespace: 'tenant-hooli',
});

const Harness = (props: { onChange: (ids: number[]) => void }) => {
  const [selected, setSelected] = useState<Set<number>>(new Set());
  return (
    <CustomerPicker
      selected={selected}
      onChange={next => {
        setSelected(next);
        props.onChange([...next]);
      }}
      unavailable={new Set([2])}
      unavailableLabel="already in the release"
      pageSize={3}
    />
  );
};

describe('CustomerPicker', () => {
  it('searches and pages on the server and keeps the selection across pages', async () => {
    const searchCustomers = jest.fn(
      async (options: { search?: string; limit?: number; offset?: number }) => {
        if (options.search === 'hoo') {
          return { items: [hooli], totalCount: 1, limit: 3, offset: 0 };
        }
        const items = options.offset === 3 ? [hooli] : [acme, globex, wayne];
        return { items, totalCount: 4, limit: 3, offset: options.offset ?? 0 };
      },
    );
    const onChange = jest.fn();
    await renderInTestApp(
      <TestApiProvider
        apis={[[releaseOrchestrationApiRef, { searchCustomers }]]}
      >
        <Harness onChange={onChange} />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText('Acme Corporation (tenant-acme)'),
    ).toBeInTheDocument();
    expect(searchCustomers).toHaveBeenCalledWith({
      search: undefined,
      limit: 3,
      offset: 0,
    });
    // already in the release, and inactive: shown but not pickable
    expect(
      screen.getByRole('checkbox', {
        name: 'Globex (tenant-globex) — already in the release',
      }),
    ).toBeDisabled();
    expect(
      screen.getByRole('checkbox', {
        name: 'Wayne Enterprises (tenant-wayne) — inactive',
      }),
    ).toBeDisabled();

    await userEvent.click(screen.getByRole('button', { name: 'Select page' }));
    expect(onChange).toHaveBeenLastCalledWith([1]);

    await userEvent.click(screen.getByRole('button', { name: /next page/i }));
    await waitFor(() =>
      expect(searchCustomers).toHaveBeenLastCalledWith({
        search: undefined,
        limit: 3,
        offset: 3,
      }),
    );
    await userEvent.click(
      await screen.findByRole('checkbox', { name: 'Hooli (tenant-hooli)' }),
    );
    expect(onChange).toHaveBeenLastCalledWith([1, 9]);
    expect(screen.getByText('Selected 2 customers')).toBeInTheDocument();

    // the search goes to the server once typing pauses, from the first page
    await userEvent.type(screen.getByLabelText('Search customers'), 'hoo');
    await waitFor(() =>
      expect(searchCustomers).toHaveBeenLastCalledWith({
        search: 'hoo',
        limit: 3,
        offset: 0,
      }),
    );
    const searched = searchCustomers.mock.calls.map(([o]) => o.search);
    expect(searched).not.toContain('h');
    expect(searched).not.toContain('ho');
    expect(await screen.findByText('1-1 of 1')).toBeInTheDocument();
    expect(
      screen.getByRole('checkbox', { name: 'Hooli (tenant-hooli)' }),
    ).toBeChecked();
  });

  it('says when nothing matches', async () => {
    const searchCustomers = jest
      .fn()
      .mockResolvedValue({ items: [], totalCount: 0, limit: 3, offset: 0 });
    await renderInTestApp(
      <TestApiProvider
        apis={[[releaseOrchestrationApiRef, { searchCustomers }]]}
      >
        <Harness onChange={jest.fn()} />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText('No customers registered yet'),
    ).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Search customers'), 'zz');
    expect(
      await screen.findByText('No customer matches "zz"'),
    ).toBeInTheDocument();
  });
});
