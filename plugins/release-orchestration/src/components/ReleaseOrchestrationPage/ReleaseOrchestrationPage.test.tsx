import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReleaseOrchestrationApi, releaseOrchestrationApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { cluster, customer, page, release } from '../../testing/data';
import { permissions } from '../../__testUtils__/permissions';
import { ReleaseOrchestrationPage } from './ReleaseOrchestrationPage';

function render(api: Partial<ReleaseOrchestrationApi>, path = '/clusters') {
  return renderInTestApp(
    <TestApiProvider apis={[[releaseOrchestrationApiRef, api], permissions()]}>
      <ReleaseOrchestrationPage />
    </TestApiProvider>,
    { routeEntries: [path], mountedRoutes: { '/': rootRouteRef } },
  );
}

describe('ReleaseOrchestrationPage', () => {
  it('lists the releases with links to their dashboards, and the clusters', async () => {
    const listReleases = jest.fn().mockResolvedValue({
      items: [release(), release({ id: 8, name: '2026.12', status: 'draft' })],
      totalCount: 2,
      limit: 200,
      offset: 0,
    });
    await render(
      {
        listReleases,
        listClusters: jest.fn().mockResolvedValue({ items: [cluster()] }),
      },
      '/',
    );
    expect(await screen.findByText('Releases (2)')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '2026.11' })).toHaveAttribute(
      'href',
      '/releases/7',
    );
    expect(screen.getByText('New release').closest('a')).toHaveAttribute(
      'href',
      '/new',
    );
    expect(await screen.findByText('Clusters (1)')).toBeInTheDocument();
    expect(listReleases).toHaveBeenCalledWith({ limit: 200 });
  });

  it('lists clusters and shows the customers of the selected one', async () => {
    const listClusterCustomers = jest.fn().mockResolvedValue(
      page([
        customer({
          id: 9,
          clusterId: 2,
          clusterName: 'us-east-1',
          name: 'Hooli',
          namespace: 'tenant-hooli',
        }),
      ]),
    );
    await render({
      listClusters: jest.fn().mockResolvedValue({
        items: [
          cluster(),
          cluster({
            id: 2,
            name: 'us-east-1',
            displayName: 'US East 1',
            region: 'us-east-1',
            customerCount: 5,
            activeCustomerCount: 4,
          }),
        ],
      }),
      listClusterCustomers,
    });

    expect(await screen.findByText('Clusters (2)')).toBeInTheDocument();
    expect(screen.getByText('EU West 1')).toBeInTheDocument();
    expect(screen.getByText('5')).toBeInTheDocument();
    expect(screen.getByText('4')).toBeInTheDocument();
    expect(screen.getByText('No cluster selected')).toBeInTheDocument();
    expect(listClusterCustomers).not.toHaveBeenCalled();

    await userEvent.click(screen.getByText('US East 1'));
    expect(await screen.findByText('Hooli')).toBeInTheDocument();
    expect(screen.getByText('Customers of us-east-1 (1)')).toBeInTheDocument();
    expect(listClusterCustomers).toHaveBeenCalledWith('us-east-1', {
      limit: 20,
      offset: 0,
    });
  });

  it('shows the empty state when no cluster is registered', async () => {
    await render({ listClusters: jest.fn().mockResolvedValue({ items: [] }) });
    expect(
      await screen.findByText('No clusters registered yet'),
    ).toBeInTheDocument();
  });

  it('shows the error from the backend', async () => {
    await render({
      listClusters: jest.fn().mockRejectedValue(new Error('backend down')),
    });
    expect(await screen.findByText('Error: backend down')).toBeInTheDocument();
  });
});
