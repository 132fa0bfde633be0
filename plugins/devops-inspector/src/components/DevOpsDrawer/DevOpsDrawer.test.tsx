import { storageApiRef } from '@backstage/core-plugin-api';
import {
  MockStorageApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DevopsInspectorApi, devopsInspectorApiRef } from '../../api';
import {
  DRAWER_STORAGE_BUCKET,
  sectionStorageKey,
} from '../../hooks/useDrawerSection';
import { rootRouteRef } from '../../routes';
import { mockApi } from '../../testing/fixtures';
import { DevOpsDrawer } from './DevOpsDrawer';

async function renderDrawer(
  api: DevopsInspectorApi,
  storage = MockStorageApi.create(),
) {
  const rendered = await renderInTestApp(
    <TestApiProvider
      apis={[
        [devopsInspectorApiRef, api],
        [storageApiRef, storage],
      ]}
    >
      <DevOpsDrawer open onClose={() => {}} refreshIntervalMs={60_000} />
    </TestApiProvider>,
    { mountedRoutes: { '/devops-inspector': rootRouteRef } },
  );
  const drawer = within(
    await screen.findByRole('dialog', { name: 'DevOps console' }),
  );
  return { rendered, drawer, storage };
}

/** The toggle button inside a section's heading. */
function sectionToggle(
  drawer: ReturnType<typeof within>,
  title: string,
): HTMLElement {
  return within(drawer.getByRole('heading', { name: title })).getByRole(
    'button',
  );
}

describe('DevOpsDrawer sections', () => {
  it('opens every section by default, and remembers a closed one in the storage bucket', async () => {
    const api = mockApi();
    const { drawer, storage } = await renderDrawer(api);
    for (const title of [
      'Health',
      'Environment',
      'Database',
      'Compare',
      'Config',
      'Backend process',
      'Quick actions',
    ]) {
      expect(sectionToggle(drawer, title)).toHaveAttribute(
        'aria-expanded',
        'true',
      );
    }
    await userEvent.click(sectionToggle(drawer, 'Config'));
    expect(sectionToggle(drawer, 'Config')).toHaveAttribute(
      'aria-expanded',
      'false',
    );
    await waitFor(() =>
      expect(
        drawer.queryByText('devopsInspector.environments.dev.connection'),
      ).not.toBeInTheDocument(),
    );
    expect(
      storage
        .forBucket(DRAWER_STORAGE_BUCKET)
        .snapshot(sectionStorageKey('config')),
    ).toMatchObject({ presence: 'present', value: false });
  });

  it('restores the closed sections from storage and does not measure them', async () => {
    const storage = MockStorageApi.create();
    const bucket = storage.forBucket(DRAWER_STORAGE_BUCKET);
    await bucket.set(sectionStorageKey('config'), false);
    await bucket.set(sectionStorageKey('backend-process'), false);
    const api = mockApi();
    const { drawer } = await renderDrawer(api, storage);

    expect(sectionToggle(drawer, 'Config')).toHaveAttribute(
      'aria-expanded',
      'false',
    );
    expect(sectionToggle(drawer, 'Backend process')).toHaveAttribute(
      'aria-expanded',
      'false',
    );
    expect(sectionToggle(drawer, 'Health')).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    await drawer.findByText(/pool 1\/2 open/);
    expect(api.getConfigStatus).not.toHaveBeenCalled();
    expect(api.getProcessMetrics).not.toHaveBeenCalled();

    // opening it measures, and is remembered
    await userEvent.click(sectionToggle(drawer, 'Backend process'));
    expect(await drawer.findByText('300.0 MB')).toBeInTheDocument();
    expect(bucket.snapshot(sectionStorageKey('backend-process'))).toMatchObject(
      { value: true },
    );
  });
});

describe('DevOpsDrawer backend process and databases', () => {
  it('shows the measured process figures', async () => {
    const { drawer } = await renderDrawer(mockApi());
    const table = within(
      await drawer.findByRole('table', { name: 'Backend process' }),
    );
    expect(table.getByText('300.0 MB')).toBeInTheDocument();
    expect(table.getByText('120.0 MB used of 160.0 MB')).toBeInTheDocument();
    expect(
      table.getByText('mean 0.4 ms · p99 13 ms · max 48 ms (last 10 s)'),
    ).toBeInTheDocument();
    expect(
      table.getByText(/1,248 answered of 1,250 since/),
    ).toBeInTheDocument();
    expect(table.getByText('3 5xx (0.24%) · 17 4xx')).toBeInTheDocument();
  });

  it('says when the event loop was not measured yet and no request came', async () => {
    const api = mockApi();
    const metrics = await api.getProcessMetrics();
    api.getProcessMetrics.mockResolvedValue({
      ...metrics,
      eventLoop: { windowSeconds: 0.1, meanMs: null, p99Ms: null, maxMs: null },
      requests: {
        ...metrics.requests,
        started: 0,
        completed: 0,
        clientErrors: 0,
        serverErrors: 0,
        errorRate: null,
      },
    });
    const { drawer } = await renderDrawer(api);
    expect(await drawer.findByText('not measured yet')).toBeInTheDocument();
    expect(
      drawer.getByText('0 5xx (no request yet) · 0 4xx'),
    ).toBeInTheDocument();
  });

  it('shows the totals of each database next to its version', async () => {
    const { drawer } = await renderDrawer(mockApi());
    expect(
      await drawer.findByText(
        'PostgreSQL 18.1 · 1.2 ms · 42 tables · 15.0 MB · ~1,234,567 rows (2 not analyzed)',
      ),
    ).toBeInTheDocument();
  });
});

describe('DevOpsDrawer quick actions', () => {
  const createObjectURL = jest.fn((_blob: Blob) => 'blob:export');
  const revokeObjectURL = jest.fn();
  let clicked: string[] = [];

  beforeEach(() => {
    clicked = [];
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function click(this: HTMLAnchorElement) {
        clicked.push(this.download);
      });
  });

  afterEach(() => jest.restoreAllMocks());

  it('disables both actions with the reason when the policy denies them', async () => {
    const api = mockApi({
      getQuickActionPermissions: jest.fn(async () => ({
        clearCache: false,
        exportActivity: false,
      })),
    });
    const { drawer } = await renderDrawer(api);
    const clear = await drawer.findByRole('button', { name: 'Clear cache' });
    await waitFor(() => expect(clear).toBeDisabled());
    const csv = drawer.getByRole('button', { name: 'Export logs (CSV)' });
    expect(csv).toBeDisabled();
    expect(
      drawer.getByRole('button', { name: 'Export logs (JSON)' }),
    ).toBeDisabled();

    await userEvent.hover(clear.parentElement as HTMLElement);
    expect(
      await screen.findByText(
        'You need the devops-inspector.cache.clear permission',
      ),
    ).toBeInTheDocument();
    await userEvent.hover(csv.parentElement as HTMLElement);
    expect(
      await screen.findByText(
        'You need the devops-inspector.activity.export permission',
      ),
    ).toBeInTheDocument();
    expect(api.clearCache).not.toHaveBeenCalled();
  });

  it('enables only the allowed one', async () => {
    const api = mockApi({
      getQuickActionPermissions: jest.fn(async () => ({
        clearCache: false,
        exportActivity: true,
      })),
    });
    const { drawer } = await renderDrawer(api);
    await waitFor(() =>
      expect(
        drawer.getByRole('button', { name: 'Export logs (CSV)' }),
      ).toBeEnabled(),
    );
    expect(drawer.getByRole('button', { name: 'Clear cache' })).toBeDisabled();
  });

  it('exports the chosen range and saves the file', async () => {
    const api = mockApi();
    const { drawer } = await renderDrawer(api);
    const csv = await drawer.findByRole('button', {
      name: 'Export logs (CSV)',
    });
    await waitFor(() => expect(csv).toBeEnabled());

    await userEvent.click(csv);
    await waitFor(() => expect(api.exportActivity).toHaveBeenCalledTimes(1));
    const first = api.exportActivity.mock.calls[0][0];
    expect(first.format).toBe('csv');
    // the default range: the last 24 hours, ending now
    expect(first.to.getTime() - first.from.getTime()).toBe(24 * 3600 * 1000);
    expect(Math.abs(first.to.getTime() - Date.now())).toBeLessThan(60_000);
    await waitFor(() =>
      expect(clicked).toEqual(['devops-inspector-activity.csv']),
    );
    expect(createObjectURL).toHaveBeenCalledWith(expect.any(Blob));

    await userEvent.click(drawer.getByRole('button', { name: /Logs of/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Last 7 days' }),
    );
    await userEvent.click(
      drawer.getByRole('button', { name: 'Export logs (JSON)' }),
    );
    await waitFor(() => expect(api.exportActivity).toHaveBeenCalledTimes(2));
    const second = api.exportActivity.mock.calls[1][0];
    expect(second.format).toBe('json');
    expect(second.to.getTime() - second.from.getTime()).toBe(
      7 * 24 * 3600 * 1000,
    );
    await waitFor(() =>
      expect(clicked).toEqual([
        'devops-inspector-activity.csv',
        'devops-inspector-activity.json',
      ]),
    );
  });

  it('exports a custom range in local time, and refuses one that ends before it starts', async () => {
    const api = mockApi();
    const { drawer } = await renderDrawer(api);
    const csv = await drawer.findByRole('button', {
      name: 'Export logs (CSV)',
    });
    await waitFor(() => expect(csv).toBeEnabled());
    await userEvent.click(drawer.getByRole('button', { name: /Logs of/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'From … to …' }),
    );
    const from = drawer.getByLabelText('From');
    const to = drawer.getByLabelText('To');
    fireEvent.change(from, { target: { value: '2026-11-20T08:00' } });
    fireEvent.change(to, { target: { value: '2026-11-19T08:00' } });
    expect(
      drawer.getByText('The range must start before it ends'),
    ).toBeInTheDocument();
    expect(csv).toBeDisabled();

    fireEvent.change(to, { target: { value: '2026-11-21T17:30' } });
    await waitFor(() => expect(csv).toBeEnabled());
    await userEvent.click(csv);
    await waitFor(() => expect(api.exportActivity).toHaveBeenCalledTimes(1));
    const { from: start, to: end } = api.exportActivity.mock.calls[0][0];
    expect(start).toEqual(new Date(2026, 10, 20, 8, 0));
    expect(end).toEqual(new Date(2026, 10, 21, 17, 30));
  });

  it('says when an export was capped', async () => {
    const api = mockApi({
      exportActivity: jest.fn(async () => ({
        blob: new Blob(['x']),
        filename: 'a.csv',
        truncated: true,
      })),
    });
    const { drawer } = await renderDrawer(api);
    const csv = await drawer.findByRole('button', {
      name: 'Export logs (CSV)',
    });
    await waitFor(() => expect(csv).toBeEnabled());
    await userEvent.click(csv);
    expect(
      await drawer.findByText(/The range holds more than 10,000 entries/),
    ).toBeInTheDocument();
  });

  it('clears the cache, says what was cleared and measures again', async () => {
    const api = mockApi();
    const { drawer } = await renderDrawer(api);
    const clear = await drawer.findByRole('button', { name: 'Clear cache' });
    await waitFor(() => expect(clear).toBeEnabled());
    await drawer.findByText(/pool 1\/2 open/);
    const statusCalls = api.getStatus.mock.calls.length;

    await userEvent.click(clear);
    expect(api.clearCache).toHaveBeenCalledTimes(1);
    expect(
      await drawer.findByText(
        'Cleared: read-only connection pools (dev); config schema',
      ),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(api.getStatus.mock.calls.length).toBeGreaterThan(statusCalls),
    );
  });
});
