import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { DeploymentRollbackApi, deploymentRollbackApiRef } from '../../api';
import { EntityDeploymentsContent } from './EntityDeploymentsContent';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    annotations: { 'opshub.io/deployment-service': 'payments-api' },
  },
  spec: {},
};

function render(api: Partial<DeploymentRollbackApi>, e: Entity = entity) {
  return renderInTestApp(
    <TestApiProvider apis={[[deploymentRollbackApiRef, api]]}>
      <EntityProvider entity={e}>
        <EntityDeploymentsContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('EntityDeploymentsContent', () => {
  it('shows versions and history of the annotated service', async () => {
    const listDeployments = jest.fn().mockResolvedValue({
      items: [
        {
          id: 7,
          service: 'payments-api',
          environment: 'uat',
          version: '2.3.1',
          commitSha: null,
          status: 'failed',
          source: 'webhook',
          rollbackOf: null,
          triggeredBy: 'user:default/ci',
          startedAt: '2026-11-01T10:00:00Z',
          finishedAt: null,
        },
      ],
      totalCount: 1,
      limit: 20,
      offset: 0,
    });
    const getCurrentVersions = jest.fn().mockResolvedValue({
      items: [
        {
          service: 'payments-api',
          environment: 'uat',
          version: '2.3.0',
          deploymentId: 6,
          deployedAt: '2026-10-30T10:00:00Z',
          latestStatus: 'failed',
        },
      ],
    });
    await render({ listDeployments, getCurrentVersions });
    expect(await screen.findByText('2.3.1')).toBeInTheDocument();
    expect(screen.getByText('2.3.0')).toBeInTheDocument();
    expect(screen.getByText('Deployment history (1)')).toBeInTheDocument();
    expect(listDeployments).toHaveBeenCalledWith({
      service: 'payments-api',
      limit: 20,
      offset: 0,
    });
    expect(getCurrentVersions).toHaveBeenCalledWith({
      service: 'payments-api',
    });
  });

  it('shows the empty state when nothing was deployed', async () => {
    await render({
      listDeployments: jest
        .fn()
        .mockResolvedValue({ items: [], totalCount: 0, limit: 20, offset: 0 }),
      getCurrentVersions: jest.fn().mockResolvedValue({ items: [] }),
    });
    expect(
      await screen.findByText('No deployments recorded yet'),
    ).toBeInTheDocument();
  });

  it('shows the error from the backend', async () => {
    await render({
      listDeployments: jest.fn().mockRejectedValue(new Error('backend down')),
      getCurrentVersions: jest.fn().mockResolvedValue({ items: [] }),
    });
    expect(await screen.findByText('Error: backend down')).toBeInTheDocument();
  });

  it('asks for the annotation when it is missing', async () => {
    await render({}, { ...entity, metadata: { name: 'x' } });
    expect(await screen.findByText('Missing Annotation')).toBeInTheDocument();
  });
});
