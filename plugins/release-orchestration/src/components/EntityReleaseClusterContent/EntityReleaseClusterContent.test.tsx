import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { ReleaseOrchestrationApi, releaseOrchestrationApiRef } from '../../api';
import {
  clusterEntity,
  customer,
  matrix,
  page,
  release,
} from '../../testing/data';
import { EntityReleaseClusterContent } from './EntityReleaseClusterContent';

const annotated = clusterEntity({ 'opshub.io/release-cluster': 'eu-west-1' });

const noReleases = {
  listReleases: jest
    .fn()
    .mockResolvedValue({ items: [], totalCount: 0, limit: 100, offset: 0 }),
};

function render(api: Partial<ReleaseOrchestrationApi>, entity: Entity) {
  return renderInTestApp(
    <TestApiProvider
      apis={[[releaseOrchestrationApiRef, { ...noReleases, ...api }]]}
    >
      <EntityProvider entity={entity}>
        <EntityReleaseClusterContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('EntityReleaseClusterContent', () => {
  it('shows the customers of the annotated cluster', async () => {
    const listClusterCustomers = jest.fn().mockResolvedValue(
      page([
        customer(),
        customer({
          id: 2,
          name: 'Initech',
          namespace: 'tenant-initech',
          isActive: false,
          notes: 'Tuesday window only',
        }),
      ]),
    );
    await render({ listClusterCustomers }, annotated);
    expect(await screen.findByText('Acme Corporation')).toBeInTheDocument();
    expect(screen.getByText('tenant-initech')).toBeInTheDocument();
    expect(screen.getByText('Tuesday window only')).toBeInTheDocument();
    expect(screen.getByText('inactive')).toBeInTheDocument();
    expect(screen.getByText('Customers of eu-west-1 (2)')).toBeInTheDocument();
    expect(listClusterCustomers).toHaveBeenCalledWith('eu-west-1', {
      limit: 20,
      offset: 0,
    });
  });

  it('shows the steps in flight of the customers in active releases', async () => {
    const getReleaseMatrix = jest.fn().mockResolvedValue(matrix());
    await render(
      {
        listClusterCustomers: jest.fn().mockResolvedValue(page([customer()])),
        listReleases: jest.fn().mockResolvedValue({
          items: [release()],
          totalCount: 1,
          limit: 100,
          offset: 0,
        }),
        getReleaseMatrix,
      },
      annotated,
    );
    expect(
      await screen.findByText('In-flight steps on eu-west-1'),
    ).toBeInTheDocument();
    expect(screen.getByText('Globex')).toBeInTheDocument();
    expect(
      screen.getByText('Back up the payments schema, Verify ledger balances'),
    ).toBeInTheDocument();
    expect(getReleaseMatrix).toHaveBeenCalledWith(7, {
      cluster: 'eu-west-1',
      limit: 500,
    });
  });

  it('shows the empty state when the cluster has no customers', async () => {
    await render(
      { listClusterCustomers: jest.fn().mockResolvedValue(page([])) },
      annotated,
    );
    expect(
      await screen.findByText('No customers on eu-west-1 yet'),
    ).toBeInTheDocument();
  });

  it('shows the error from the backend', async () => {
    await render(
      {
        listClusterCustomers: jest
          .fn()
          .mockRejectedValue(new Error('backend down')),
      },
      annotated,
    );
    expect(await screen.findByText('Error: backend down')).toBeInTheDocument();
  });

  it('asks for the annotation when it is missing', async () => {
    const listClusterCustomers = jest.fn();
    await render({ listClusterCustomers }, clusterEntity());
    expect(await screen.findByText('Missing Annotation')).toBeInTheDocument();
    expect(listClusterCustomers).not.toHaveBeenCalled();
  });
});
