import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DevopsInspectorApi, devopsInspectorApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { environmentInfo, mockApi } from '../../testing/fixtures';
import { EnvironmentBadge } from './EnvironmentBadge';

function render(api: DevopsInspectorApi) {
  return renderInTestApp(
    <TestApiProvider apis={[[devopsInspectorApiRef, api]]}>
      <EnvironmentBadge />
    </TestApiProvider>,
    { mountedRoutes: { '/devops-inspector': rootRouteRef } },
  );
}

async function openDrawer() {
  await userEvent.click(
    await screen.findByRole('button', {
      name: 'Environment dev-eu (dev). Open the DevOps console',
    }),
  );
  return screen.findByRole('dialog', { name: 'DevOps console' });
}

describe('EnvironmentBadge and DevOpsDrawer', () => {
  it('shows the current environment in its tier colour', async () => {
    await render(mockApi());
    const badge = await screen.findByRole('button', {
      name: /Environment dev-eu \(dev\)/,
    });
    expect(badge).toHaveTextContent('dev-eu');
    expect(badge).toHaveAttribute('data-tier', 'dev');
  });

  it('says so when no current environment is configured', async () => {
    await render(
      mockApi({
        getEnvironmentInfo: jest.fn(async () => ({
          ...environmentInfo,
          current: null,
        })),
      }),
    );
    expect(
      await screen.findByRole('button', {
        name: 'Environment unknown. Open the DevOps console',
      }),
    ).toHaveAttribute('data-tier', 'unknown');
  });

  it('opens the drawer with every section, and closes it with Escape', async () => {
    const api = mockApi();
    await render(api);
    const drawer = await openDrawer();
    const inDrawer = within(drawer);
    for (const title of [
      'Health',
      'Environment',
      'Database',
      'Compare',
      'Config',
    ]) {
      expect(
        inDrawer.getByRole('heading', { name: title }),
      ).toBeInTheDocument();
    }
    expect(
      await inDrawer.findByText(/pool 1\/2 open, 1 idle, 0 waiting/),
    ).toBeInTheDocument();
    expect(inDrawer.getByText(/HTTP 200/)).toBeInTheDocument();
    expect(
      inDrawer.getAllByText('connect ECONNREFUSED 10.0.0.5:5432').length,
    ).toBeGreaterThan(0);
    expect(
      await inDrawer.findByText(environmentInfo.git.commit as string),
    ).toBeInTheDocument();
    expect(inDrawer.getByText('1h 2m 5s')).toBeInTheDocument();
    expect(inDrawer.getByText(/PostgreSQL 18\.1/)).toBeInTheDocument();
    // this deployment's environment (devopsInspector.current) preselected
    expect(
      inDrawer.getByRole('link', { name: /Compare database schemas/ }),
    ).toHaveAttribute('href', '/devops-inspector/compare?source=dev-eu');
    expect(
      await inDrawer.findByText('devopsInspector.environments.dev.connection'),
    ).toBeInTheDocument();
    expect(inDrawer.getByText('•••••• (set)')).toBeInTheDocument();
    expect(inDrawer.getByText('(not set)')).toBeInTheDocument();

    await userEvent.keyboard('{Escape}');
    await waitFor(() =>
      expect(
        screen.queryByRole('dialog', { name: 'DevOps console' }),
      ).not.toBeInTheDocument(),
    );
  });

  it('closes with the close button', async () => {
    await render(mockApi());
    const drawer = await openDrawer();
    await userEvent.click(
      within(drawer).getByRole('button', { name: 'Close' }),
    );
    await waitFor(() =>
      expect(
        screen.queryByRole('dialog', { name: 'DevOps console' }),
      ).not.toBeInTheDocument(),
    );
  });

  it('copies the commit and the version', async () => {
    const writeText = jest.fn(async () => undefined);
    Object.defineProperty(window.navigator, 'clipboard', {
      value: { writeText },
      configurable: true,
    });
    await render(mockApi());
    const drawer = within(await openDrawer());
    await userEvent.click(
      await drawer.findByRole('button', { name: 'Copy commit' }),
    );
    expect(writeText).toHaveBeenCalledWith(environmentInfo.git.commit);
    await userEvent.click(
      drawer.getByRole('button', { name: 'Copy app version' }),
    );
    expect(writeText).toHaveBeenLastCalledWith('0.1.0');
  });

  it('shows each section error on its own, and refreshes by hand', async () => {
    const api = mockApi({
      getStatus: jest.fn().mockRejectedValue(new Error('status is down')),
      getConfigStatus: jest.fn().mockRejectedValue(new Error('forbidden')),
    });
    await render(api);
    const drawer = within(await openDrawer());
    expect(
      await drawer.findByText('Error: status is down'),
    ).toBeInTheDocument();
    expect(await drawer.findByText('Error: forbidden')).toBeInTheDocument();
    expect(
      await drawer.findByText(environmentInfo.git.commit as string),
    ).toBeInTheDocument();
    const calls = (api.getStatus as jest.Mock).mock.calls.length;
    await userEvent.click(drawer.getByRole('button', { name: 'Refresh' }));
    await waitFor(() =>
      expect((api.getStatus as jest.Mock).mock.calls.length).toBeGreaterThan(
        calls,
      ),
    );
  });

  it('measures again on its own while open', async () => {
    const api = mockApi();
    await renderInTestApp(
      <TestApiProvider apis={[[devopsInspectorApiRef, api]]}>
        <EnvironmentBadge refreshIntervalMs={50} />
      </TestApiProvider>,
      { mountedRoutes: { '/devops-inspector': rootRouteRef } },
    );
    expect(api.getStatus).not.toHaveBeenCalled();
    await openDrawer();
    await waitFor(() =>
      expect((api.getStatus as jest.Mock).mock.calls.length).toBeGreaterThan(2),
    );
  });
});
