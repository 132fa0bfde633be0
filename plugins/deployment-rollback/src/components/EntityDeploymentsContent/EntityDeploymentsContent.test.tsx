import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { act, screen, waitFor, within } from '@testing-library/react';
import {
  deployment,
  entity,
  mockApi,
  permissions,
  signals,
  version,
} from '../../__testUtils__/fixtures';
import { deploymentRollbackApiRef } from '../../api';
import { EntityDeploymentsContent } from './EntityDeploymentsContent';

jest.setTimeout(60_000);

function render(
  api: ReturnType<typeof mockApi>,
  e: Entity = entity,
  signalApi = signals(),
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[[deploymentRollbackApiRef, api], permissions(), signalApi]}
    >
      <EntityProvider entity={e}>
        <EntityDeploymentsContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

const versions = [
  version({ environment: 'dev', version: '2.5.0', deploymentId: 4 }),
  version({
    environment: 'uat',
    version: '2.4.0',
    deploymentId: 2,
    latestStatus: 'failed',
  }),
  version({ environment: 'prod', version: '2.4.0', deploymentId: 3 }),
];

describe('EntityDeploymentsContent', () => {
  it('shows one card per environment in promotion order, with who, status and commit', async () => {
    const api = mockApi({
      getCurrentVersions: jest.fn().mockResolvedValue({ items: versions }),
      getRollbackTarget: jest.fn(async (_s: string, environment: string) => ({
        target: null,
        blocked: null,
        current:
          environment === 'dev'
            ? deployment({
                id: 4,
                version: '2.5.0',
                commitSha: '41be7d0aaaa',
                triggeredBy: 'user:default/alice.nguyen',
              })
            : deployment({
                id: 9,
                environment,
                version: '2.5.0',
                status: 'failed',
                triggeredBy: 'user:default/bruno.costa',
                commitSha: '41be7d0aaaa',
              }),
      })),
    });
    await render(api);
    const cards = await screen.findAllByTestId(/^environment-card-/);
    expect(cards.map(c => c.dataset.testid)).toEqual([
      'environment-card-dev',
      'environment-card-uat',
      'environment-card-prod',
    ]);
    expect(within(cards[1]).getByText('uat')).toBeInTheDocument();
    expect(screen.getByText('2.5.0')).toBeInTheDocument();
    expect(
      await screen.findByText(/by user:default\/alice\.nguyen/),
    ).toBeInTheDocument();
    // uat runs 2.4.0 while its latest (2.5.0) failed
    expect(
      screen.getAllByText(
        /Latest: 2\.5\.0 \(failed\) by user:default\/bruno\.costa/,
      ),
    ).toHaveLength(2);
    expect(screen.getAllByText('failed').length).toBeGreaterThan(0);
    const commitLinks = screen.getAllByRole('link', { name: /^41be7d0/ });
    expect(commitLinks[0]).toHaveAttribute(
      'href',
      'https://github.com/acme/payments-api/commit/41be7d0aaaa',
    );
    expect(api.getCurrentVersions).toHaveBeenCalledWith({
      service: 'payments-api',
    });
    expect(api.getRollbackTarget).toHaveBeenCalledWith('payments-api', 'uat');
    expect(
      await screen.findByText('No deployments recorded yet'),
    ).toBeInTheDocument();
    expect(api.listDeployments).toHaveBeenCalledWith(
      expect.objectContaining({
        service: 'payments-api',
        limit: 20,
        offset: 0,
      }),
    );
  });

  it('shows the history of the service', async () => {
    const api = mockApi({
      getCurrentVersions: jest.fn().mockResolvedValue({ items: versions }),
      listDeployments: jest.fn().mockResolvedValue({
        items: [
          deployment({
            id: 7,
            version: '2.5.1',
            status: 'in_progress',
            reason: 'hotfix for refunds',
          }),
        ],
        totalCount: 1,
        limit: 20,
        offset: 0,
      }),
    });
    await render(api);
    expect(
      await screen.findByText('Deployment history (1)'),
    ).toBeInTheDocument();
    expect(screen.getByText('2.5.1')).toBeInTheDocument();
    expect(screen.getByText('hotfix for refunds')).toBeInTheDocument();
  });

  it('opens the detail drawer with the audit trail of a clicked deployment', async () => {
    const api = mockApi({
      listDeployments: jest.fn().mockResolvedValue({
        items: [deployment({ id: 7, version: '2.5.1' })],
        totalCount: 1,
        limit: 20,
        offset: 0,
      }),
      getDeployment: jest.fn().mockResolvedValue({
        ...deployment({
          id: 7,
          version: '2.5.1',
          source: 'rollback',
          rollbackOf: 3,
          reason: 'refunds broke',
        }),
        audit: [
          {
            id: 1,
            deploymentId: 7,
            service: 'payments-api',
            environment: 'dev',
            actor: 'user:default/alice.nguyen',
            action: 'deployment.rollback',
            reason: 'refunds broke',
            before: { version: '2.5.0', status: 'succeeded' },
            after: { version: '2.5.1', status: 'queued' },
            createdAt: '2026-11-01T10:00:00Z',
          },
        ],
      }),
    });
    await render(api);
    (await screen.findByText('2.5.1')).click();
    const drawer = await screen.findByRole('region', {
      name: 'Deployment detail',
    });
    expect(
      await within(drawer).findByText(
        'deployment.rollback by user:default/alice.nguyen',
      ),
    ).toBeInTheDocument();
    expect(
      within(drawer).getByText('2.5.0 succeeded → 2.5.1 queued'),
    ).toBeInTheDocument();
    expect(
      within(drawer).getByText(/rolls back to deployment #3/),
    ).toBeInTheDocument();
    expect(api.getDeployment).toHaveBeenCalledWith(7);
  });

  it('refetches when the service signal arrives', async () => {
    const signalApi = signals();
    const api = mockApi({
      getCurrentVersions: jest.fn().mockResolvedValue({ items: versions }),
    });
    await render(api, entity, signalApi);
    await screen.findAllByText('2.4.0');
    expect(signalApi.channels()).toEqual([
      'deployment-rollback:service:payments-api',
    ]);
    const before = api.getCurrentVersions.mock.calls.length;
    const historyBefore = api.listDeployments.mock.calls.length;
    act(() => signalApi.emit('deployment-rollback:service:payments-api'));
    await waitFor(() =>
      expect(api.getCurrentVersions.mock.calls.length).toBeGreaterThan(before),
    );
    await waitFor(() =>
      expect(api.listDeployments.mock.calls.length).toBeGreaterThan(
        historyBefore,
      ),
    );
  });

  it('shows the empty state when nothing was deployed', async () => {
    await render(mockApi());
    expect(
      await screen.findByText('No successful deployment yet'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('No deployments recorded yet'),
    ).toBeInTheDocument();
  });

  it('shows the error from the backend', async () => {
    await render(
      mockApi({
        getCurrentVersions: jest
          .fn()
          .mockRejectedValue(new Error('backend down')),
      }),
    );
    expect(
      (await screen.findAllByText('Error: backend down')).length,
    ).toBeGreaterThan(0);
  });

  it('asks for the annotation when it is missing', async () => {
    await render(mockApi(), { ...entity, metadata: { name: 'x' } });
    expect(await screen.findByText('Missing Annotation')).toBeInTheDocument();
  });
});
