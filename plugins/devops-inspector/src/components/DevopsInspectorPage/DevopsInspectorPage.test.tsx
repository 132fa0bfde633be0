import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DevopsInspectorApi, devopsInspectorApiRef } from '../../api';
import { emptyPage, mockApi, uatEnvironment } from '../../testing/fixtures';
import { DevopsInspectorPage } from './DevopsInspectorPage';

function render(api: DevopsInspectorApi, tab = '/databases') {
  return renderInTestApp(
    <TestApiProvider apis={[[devopsInspectorApiRef, api]]}>
      <DevopsInspectorPage />
    </TestApiProvider>,
    { routeEntries: [tab] },
  );
}

describe('DevopsInspectorPage', () => {
  it('lists environments and the tables of the first one that is up', async () => {
    const api = mockApi({
      listEnvironments: jest.fn(async () => ({
        items: [
          uatEnvironment,
          {
            name: 'dev',
            label: 'Development',
            tier: 'dev' as const,
            database: {
              status: 'up' as const,
              serverVersion: '18.1',
              latencyMs: 0.5,
            },
          },
        ],
      })),
    });
    await render(api);
    expect(await screen.findByText('Tables of dev (2)')).toBeInTheDocument();
    expect(screen.getByText('User acceptance')).toBeInTheDocument();
    expect(
      screen.getByText('connect ECONNREFUSED 10.0.0.5:5432'),
    ).toBeInTheDocument();
    expect(screen.getByText('0.5 ms')).toBeInTheDocument();
    expect(await screen.findByText('No activity yet')).toBeInTheDocument();
    expect(api.listTables).toHaveBeenCalledWith('dev', {
      filter: undefined,
      limit: 20,
      offset: 0,
    });
  });

  it('filters tables with what the user types, and switches environment', async () => {
    const api = mockApi();
    await render(api);
    expect(await screen.findByText('Tables of dev (2)')).toBeInTheDocument();

    api.listTables.mockResolvedValue(emptyPage);
    await userEvent.type(screen.getByLabelText('Filter tables'), `pay'; DROP`);
    await waitFor(() =>
      expect(api.listTables).toHaveBeenLastCalledWith('dev', {
        filter: "pay'; DROP",
        limit: 20,
        offset: 0,
      }),
    );
    expect(
      await screen.findByText('No table matches the filter'),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByText('User acceptance'));
    await waitFor(() =>
      expect(api.listTables).toHaveBeenLastCalledWith('uat', {
        filter: undefined,
        limit: 20,
        offset: 0,
      }),
    );
  });

  it('shows the empty state without environments', async () => {
    await render(
      mockApi({ listEnvironments: jest.fn(async () => ({ items: [] })) }),
    );
    expect(
      await screen.findByText('No environment to inspect'),
    ).toBeInTheDocument();
  });

  it('shows the error from the backend', async () => {
    await render(
      mockApi({
        listEnvironments: jest
          .fn()
          .mockRejectedValue(new Error('backend down')),
      }),
    );
    expect(await screen.findByText('Error: backend down')).toBeInTheDocument();
  });

  it('opens on the health tab and shows each tab by its route', async () => {
    const api = mockApi();
    await render(api, '/');
    expect(await screen.findByText(/pool 1\/2 open/)).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Compare' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('tab', { name: 'Config' }));
    expect(
      await screen.findByText('devopsInspector.environments.dev.connection'),
    ).toBeInTheDocument();
  });

  it('opens a table detail from the table browser and counts on demand', async () => {
    const api = mockApi();
    await render(api);
    await userEvent.click(await screen.findByText('payments'));
    expect(await screen.findByText('public.payments')).toBeInTheDocument();
    expect(api.getTableDetail).toHaveBeenCalledWith(
      'dev',
      'public',
      'payments',
    );
    expect(await screen.findByText('refunds_payment_fk')).toBeInTheDocument();
    expect(screen.getByText('payments_audit')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Exact count' }));
    expect(
      await screen.findByText('1,234 rows (counted in 3 ms)'),
    ).toBeInTheDocument();
    expect(api.countTableRows).toHaveBeenCalledWith(
      'dev',
      'public',
      'payments',
    );
  });

  it('sorts the tables on the server', async () => {
    const api = mockApi();
    await render(api);
    expect(await screen.findByText('Tables of dev (2)')).toBeInTheDocument();
    await userEvent.click(screen.getByLabelText('Sort tables'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Size (largest first)' }),
    );
    await waitFor(() =>
      expect(api.listTables).toHaveBeenLastCalledWith('dev', {
        filter: undefined,
        limit: 20,
        offset: 0,
        sort: 'size',
        order: 'desc',
      }),
    );
  });
});
