import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { DevopsInspectorApi, devopsInspectorApiRef } from '../../api';
import { mockApi } from '../../testing/fixtures';
import { EntityDevopsInspectorCard } from './EntityDevopsInspectorCard';

const entity = (environment?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'payments-db',
    annotations: environment
      ? { 'opshub.io/inspector-environment': environment }
      : undefined,
  },
  spec: { type: 'database' },
});

function render(api: DevopsInspectorApi, e: Entity) {
  return renderInTestApp(
    <TestApiProvider apis={[[devopsInspectorApiRef, api]]}>
      <EntityProvider entity={e}>
        <EntityDevopsInspectorCard />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('EntityDevopsInspectorCard', () => {
  it('shows the live status of the environment', async () => {
    await render(mockApi(), entity('dev'));
    expect(await screen.findByText('Development (dev)')).toBeInTheDocument();
    expect(screen.getByText('up').closest('[data-tone]')).toHaveAttribute(
      'data-tone',
      'ok',
    );
    expect(screen.getByText('18.1')).toBeInTheDocument();
  });

  it('shows why a database is down', async () => {
    await render(mockApi(), entity('uat'));
    expect(
      await screen.findByText('connect ECONNREFUSED 10.0.0.5:5432'),
    ).toBeInTheDocument();
    expect(screen.getByText('down').closest('[data-tone]')).toHaveAttribute(
      'data-tone',
      'error',
    );
  });

  it('shows the empty state for an environment it cannot see', async () => {
    await render(mockApi(), entity('prod'));
    expect(
      await screen.findByText('Environment prod is not available'),
    ).toBeInTheDocument();
  });

  it('shows the error from the backend', async () => {
    await render(
      mockApi({
        listEnvironments: jest
          .fn()
          .mockRejectedValue(new Error('backend down')),
      }),
      entity('dev'),
    );
    expect(await screen.findByText('Error: backend down')).toBeInTheDocument();
  });

  it('asks for the annotation when it is missing', async () => {
    await render(mockApi(), entity());
    expect(await screen.findByText('Missing Annotation')).toBeInTheDocument();
  });
});
