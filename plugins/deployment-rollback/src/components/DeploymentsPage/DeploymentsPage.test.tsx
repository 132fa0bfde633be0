import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { act, screen, waitFor, within } from '@testing-library/react';
import {
  deployment,
  mockApi,
  permissions,
  signals,
  version,
} from '../../__testUtils__/fixtures';
import { deploymentRollbackApiRef } from '../../api';
import { DeploymentsPage } from './DeploymentsPage';

jest.setTimeout(60_000);

const items = [
  version({ service: 'payments-api', environment: 'dev', version: '2.5.0' }),
  version({
    service: 'payments-api',
    environment: 'uat',
    version: '2.4.0',
    latestStatus: 'failed',
  }),
  version({ service: 'payments-api', environment: 'prod', version: '2.4.0' }),
  version({ service: 'ledger-worker', environment: 'dev', version: '0.9.0' }),
  version({ service: 'ledger-worker', environment: 'uat', version: '0.9.0' }),
];

describe('DeploymentsPage', () => {
  it('shows the promotion of every service with drift, recent failures, history and deliveries', async () => {
    const signalApi = signals();
    const api = mockApi({
      getCurrentVersions: jest.fn().mockResolvedValue({ items }),
      listDeployments: jest.fn(async query =>
        query.status === 'failed'
          ? {
              items: [
                deployment({
                  id: 5,
                  environment: 'uat',
                  version: '2.5.0',
                  status: 'failed',
                  message: 'smoke tests failed',
                }),
              ],
              totalCount: 1,
              limit: 5,
              offset: 0,
            }
          : {
              items: [
                deployment({ id: 6, version: '2.5.1', status: 'in_progress' }),
              ],
              totalCount: 1,
              limit: 20,
              offset: 0,
            },
      ),
      listDeliveries: jest.fn().mockResolvedValue({
        items: [
          {
            id: 1,
            provider: 'github',
            deliveryKey: 'd-1',
            event: 'deployment_status',
            verified: true,
            outcome: 'rejected',
            error: 'deployment_status.state is missing',
            receivedAt: '2026-11-01T10:00:00Z',
            processedAt: null,
          },
        ],
        totalCount: 1,
        limit: 10,
        offset: 0,
      }),
    });
    await renderInTestApp(
      <TestApiProvider
        apis={[[deploymentRollbackApiRef, api], permissions(), signalApi]}
      >
        <DeploymentsPage />
      </TestApiProvider>,
    );
    const promotion = await screen.findByRole('table', { name: 'Promotion' });
    const headers = within(promotion)
      .getAllByRole('columnheader')
      .map(h => h.textContent);
    expect(headers).toEqual(['Service', 'dev', 'uat', 'prod']);
    const payments = within(promotion).getByRole('row', {
      name: /^payments-api/,
    });
    expect(
      within(payments).getByText('2.5.0 in dev, not yet in uat'),
    ).toBeInTheDocument();
    expect(
      within(payments).getByText('2.5.0 in dev, not yet in uat').closest('td'),
    ).toHaveAttribute('data-drift', 'true');
    const ledger = within(promotion).getByRole('row', {
      name: /^ledger-worker/,
    });
    expect(within(ledger).queryByText(/not yet in/)).not.toBeInTheDocument();

    expect(
      await screen.findByText('payments-api 2.5.0 in uat'),
    ).toBeInTheDocument();
    expect(screen.getByText(/smoke tests failed/)).toBeInTheDocument();
    expect(api.listDeployments).toHaveBeenCalledWith(
      expect.objectContaining({ status: 'failed', offset: 0 }),
    );

    expect(
      await screen.findByText('Deployment history (1)'),
    ).toBeInTheDocument();
    expect(screen.getByText('2.5.1')).toBeInTheDocument();

    expect(
      await screen.findByText('Webhook deliveries (1)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('deployment_status.state is missing'),
    ).toBeInTheDocument();

    // live: a signal of any shown service refetches
    expect(signalApi.channels().sort()).toEqual([
      'deployment-rollback:service:ledger-worker',
      'deployment-rollback:service:payments-api',
    ]);
    const before = api.getCurrentVersions.mock.calls.length;
    act(() => signalApi.emit('deployment-rollback:service:ledger-worker'));
    await waitFor(() =>
      expect(api.getCurrentVersions.mock.calls.length).toBeGreaterThan(before),
    );
  });

  it('shows empty states when nothing was deployed', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[[deploymentRollbackApiRef, mockApi()], permissions()]}
      >
        <DeploymentsPage />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText('No successful deployment yet'),
    ).toBeInTheDocument();
    expect(await screen.findByText('No failed deployment')).toBeInTheDocument();
    expect(
      await screen.findByText('No webhook delivery received yet'),
    ).toBeInTheDocument();
  });

  it('shows the error of the versions request', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            deploymentRollbackApiRef,
            mockApi({
              getCurrentVersions: jest
                .fn()
                .mockRejectedValue(new Error('database unavailable')),
            }),
          ],
          permissions(),
        ]}
      >
        <DeploymentsPage />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText('Error: database unavailable'),
    ).toBeInTheDocument();
  });
});
