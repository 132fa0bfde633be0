import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { releaseOrchestrationApiRef } from '../../api';
import { cluster, customer, page } from '../../testing/data';
import { permissions } from '../../__testUtils__/permissions';
import { CustomerPage } from '../CustomerPage';
import { ClustersPage } from './ClustersPage';

// usePermission caches its answers for the whole test file: one policy per
// file (see __testUtils__/permissions.ts).
const DENIED = ['release-orchestration.cluster.update'];

const policy = permissions(DENIED);

const api = {
  listClusters: jest.fn().mockResolvedValue({ items: [cluster()] }),
  listClusterCustomers: jest.fn().mockResolvedValue(page([customer()])),
  getCustomer: jest.fn().mockResolvedValue(customer({ id: 5 })),
  listReleases: jest
    .fn()
    .mockResolvedValue({ items: [], totalCount: 0, limit: 100, offset: 0 }),
};

async function render(path = '/clusters') {
  await renderInTestApp(
    <TestApiProvider apis={[[releaseOrchestrationApiRef, api], policy]}>
      <Routes>
        <Route path="/clusters" element={<ClustersPage />} />
        <Route path="/customers/:id" element={<CustomerPage />} />
      </Routes>
    </TestApiProvider>,
    { routeEntries: [path] },
  );
}

describe('ClustersPage and CustomerPage without cluster.update', () => {
  it('lists clusters and customers without their edit and delete buttons', async () => {
    await render();
    await userEvent.click(await screen.findByText('EU West 1'));
    expect(await screen.findByText('tenant-acme')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Add cluster' }),
    ).toBeInTheDocument();
    // asked about this cluster, and refused
    await waitFor(() =>
      expect(policy.asked).toContain(
        'release-orchestration.cluster.update@eu-west-1',
      ),
    );
    expect(
      screen.queryByRole('button', { name: 'Add customer to eu-west-1' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Edit customer Acme Corporation' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Edit cluster eu-west-1' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Delete cluster eu-west-1' }),
    ).not.toBeInTheDocument();
  });

  it('offers no edit or delete of a customer on its page', async () => {
    await render('/customers/5');
    expect(await screen.findByText('tenant-acme')).toBeInTheDocument();
    await waitFor(() =>
      expect(policy.asked).toContain(
        'release-orchestration.cluster.update@eu-west-1',
      ),
    );
    expect(
      screen.queryByRole('button', { name: 'Edit' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Delete' }),
    ).not.toBeInTheDocument();
  });
});
