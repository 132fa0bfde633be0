import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { DevopsInspectorApi, devopsInspectorApiRef } from '../../api';
import { emptyPage, mockApi } from '../../testing/fixtures';
import { EntityDevopsInspectorContent } from './EntityDevopsInspectorContent';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'payments-db-dev',
    annotations: { 'opshub.io/inspector-environment': 'dev' },
  },
  spec: { type: 'database' },
};

function render(api: DevopsInspectorApi, e: Entity = entity) {
  return renderInTestApp(
    <TestApiProvider apis={[[devopsInspectorApiRef, api]]}>
      <EntityProvider entity={e}>
        <EntityDevopsInspectorContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('EntityDevopsInspectorContent', () => {
  it('shows the environment summary and its measured tables', async () => {
    const api = mockApi();
    await render(api);
    expect(await screen.findByText('Tables of dev (2)')).toBeInTheDocument();
    expect(screen.getByText('Development (dev)')).toBeInTheDocument();
    expect(screen.getByText('18.1')).toBeInTheDocument();
    expect(screen.getByText('1.2 ms')).toBeInTheDocument();
    expect(screen.getByText('up')).toBeInTheDocument();
    expect(screen.getByText('payments')).toBeInTheDocument();
    expect(screen.getByText('~1,200')).toBeInTheDocument();
    expect(screen.getByText('80.0 kB')).toBeInTheDocument();
    expect(screen.getByText('not analyzed')).toBeInTheDocument();
    expect(api.listEnvironments).toHaveBeenCalledWith({ name: 'dev' });
    expect(api.listTables).toHaveBeenCalledWith('dev', {
      filter: undefined,
      limit: 20,
      offset: 0,
    });
  });

  it('shows empty states for an unknown environment without tables', async () => {
    await render(
      mockApi({
        listEnvironments: jest.fn(async () => ({ items: [] })),
        listTables: jest.fn(async () => emptyPage),
      }),
    );
    expect(
      await screen.findByText('Environment dev is not available'),
    ).toBeInTheDocument();
    expect(await screen.findByText('No tables')).toBeInTheDocument();
  });

  it('shows the error from the backend', async () => {
    await render(
      mockApi({
        listTables: jest
          .fn()
          .mockRejectedValue(new Error('The database of dev is unavailable')),
      }),
    );
    expect(
      await screen.findByText('Error: The database of dev is unavailable'),
    ).toBeInTheDocument();
  });

  it('asks for the annotation when it is missing', async () => {
    const api = mockApi();
    await render(api, { ...entity, metadata: { name: 'plain-db' } });
    expect(await screen.findByText('Missing Annotation')).toBeInTheDocument();
    expect(api.listTables).not.toHaveBeenCalled();
  });
});
