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
const DENIED = ['release-orchestration.cluster.create'];

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

describe('ClustersPage without cluster.create', () => {
  it('offers no new cluster, but customers and edits by cluster.update', async () => {
    await render();
    await userEvent.click(await screen.findByText('EU West 1'));
    expect(
      await screen.findByRole('button', {
        name: 'Edit customer Acme Corporation',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Delete cluster eu-west-1' }),
    ).toBeInTheDocument();
    // the denial is in, not merely loading
    await waitFor(() => expect(policy.asked).toContain(DENIED[0]));
    expect(
      screen.queryByRole('button', { name: 'Add cluster' }),
    ).not.toBeInTheDocument();
    // a customer is a write on its cluster: cluster.update
    expect(
      screen.getByRole('button', { name: 'Add customer to eu-west-1' }),
    ).toBeInTheDocument();
  });
});
