import { alertApiRef } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReleaseOrchestrationApi, releaseOrchestrationApiRef } from '../../api';
import { cluster, customer, page, responseError } from '../../testing/data';
import { permissions } from '../../__testUtils__/permissions';
import { ClustersPage } from './ClustersPage';

function mockApi(overrides: Partial<ReleaseOrchestrationApi> = {}) {
  return {
    listClusters: jest
      .fn()
      .mockResolvedValue({ items: [cluster({ version: 3 })] }),
    listClusterCustomers: jest
      .fn()
      .mockResolvedValue(page([customer({ version: 4 })])),
    createCluster: jest.fn().mockResolvedValue(cluster({ name: 'us-east-1' })),
    updateCustomer: jest.fn().mockResolvedValue(customer()),
    deleteCluster: jest.fn().mockResolvedValue(undefined),
    ...overrides,
  };
}

async function render(
  api: Partial<ReleaseOrchestrationApi>,
  denied: string[] = [],
) {
  const alerts = { post: jest.fn(), alert$: jest.fn() };
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [releaseOrchestrationApiRef, api],
        [alertApiRef, alerts],
        permissions(denied),
      ]}
    >
      <ClustersPage />
    </TestApiProvider>,
  );
  return { alerts };
}

describe('ClustersPage', () => {
  it('adds a cluster and refetches the clusters', async () => {
    const api = mockApi();
    await render(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Add cluster' }),
    );
    await userEvent.type(screen.getByLabelText(/^Name/), 'us-east-1');
    await userEvent.type(screen.getByLabelText(/^Region/), 'us-east-1');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(api.createCluster).toHaveBeenCalledWith({
        name: 'us-east-1',
        displayName: 'us-east-1',
        region: 'us-east-1',
        description: null,
        catalogEntityRef: null,
        kubeconfigPath: null,
        metadata: {},
      }),
    );
    await waitFor(() => expect(api.listClusters).toHaveBeenCalledTimes(4));
  });

  it("shows the server's 400 about a kubeconfig path and keeps the form open", async () => {
    const api = mockApi({
      createCluster: jest
        .fn()
        .mockRejectedValue(
          await responseError(
            400,
            'InputError',
            'body.kubeconfigPath: must be under /etc/opshub/kubeconfigs',
          ),
        ),
    });
    const { alerts } = await render(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Add cluster' }),
    );
    await userEvent.type(screen.getByLabelText(/^Name/), 'us-east-1');
    await userEvent.type(
      screen.getByLabelText('Kubeconfig path'),
      '/root/.kube/config',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(alerts.post).toHaveBeenCalledWith({
        message: 'body.kubeconfigPath: must be under /etc/opshub/kubeconfigs',
        severity: 'error',
      }),
    );
    expect(api.createCluster).toHaveBeenCalledWith(
      expect.objectContaining({ kubeconfigPath: '/root/.kube/config' }),
    );
    // the user can fix the path
    expect(screen.getByLabelText('Kubeconfig path')).toHaveValue(
      '/root/.kube/config',
    );
  });

  it('shows why a cluster with active customers cannot be deleted', async () => {
    const response = new Response(
      JSON.stringify({
        error: {
          name: 'ConflictError',
          message:
            "Cannot delete cluster 'eu-west-1': it has 2 active customer(s)",
        },
        response: { statusCode: 409 },
      }),
      { status: 409, headers: { 'Content-Type': 'application/json' } },
    );
    const api = mockApi({
      deleteCluster: jest
        .fn()
        .mockRejectedValue(await ResponseError.fromResponse(response)),
    });
    const { alerts } = await render(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Delete cluster eu-west-1' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    await waitFor(() =>
      expect(alerts.post).toHaveBeenCalledWith(
        expect.objectContaining({
          message:
            "Cannot delete cluster 'eu-west-1': it has 2 active customer(s)",
        }),
      ),
    );
    expect(api.deleteCluster).toHaveBeenCalledWith('eu-west-1', 3);
  });

  it('edits a customer of the selected cluster with its row version', async () => {
    const api = mockApi();
    await render(api);
    await userEvent.click(await screen.findByText('EU West 1'));
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Edit customer Acme Corporation',
      }),
    );
    await userEvent.type(screen.getByLabelText(/^Notes/), 'VIP');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(api.updateCustomer).toHaveBeenCalledWith(1, {
        name: 'Acme Corporation',
        namespace: 'tenant-acme',
        catalogEntityRef: null,
        isActive: true,
        notes: 'VIP',
        metadata: {},
        version: 4,
      }),
    );
    await waitFor(() =>
      expect(api.listClusterCustomers).toHaveBeenCalledTimes(2),
    );
  });
});
