import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import { mockApi, permissions, version } from '../../__testUtils__/fixtures';
import { deploymentRollbackApiRef } from '../../api';
import { DeploymentsPage } from './DeploymentsPage';

jest.setTimeout(60_000);

// usePermission caches answers per test file: this file denies deliveries
const permissionApi = permissions(['deployment-rollback.delivery.read']);

describe('DeploymentsPage without deployment-rollback.delivery.read', () => {
  it('neither shows nor requests the webhook deliveries', async () => {
    const api = mockApi({
      getCurrentVersions: jest
        .fn()
        .mockResolvedValue({ items: [version({ version: '2.5.0' })] }),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[deploymentRollbackApiRef, api], permissionApi]}>
        <DeploymentsPage />
      </TestApiProvider>,
    );
    expect(await screen.findByText('2.5.0')).toBeInTheDocument();
    await waitFor(() =>
      expect(permissionApi.asked).toContain(
        'deployment-rollback.delivery.read',
      ),
    );
    expect(screen.queryByText(/Webhook deliveries/)).not.toBeInTheDocument();
    expect(api.listDeliveries).not.toHaveBeenCalled();
  });
});
