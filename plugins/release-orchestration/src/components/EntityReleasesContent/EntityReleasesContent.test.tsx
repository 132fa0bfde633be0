import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { ReleaseOrchestrationApi, releaseOrchestrationApiRef } from '../../api';
import { progress, release, releaseDetail } from '../../testing/data';
import { EntityReleasesContent } from './EntityReleasesContent';

const component = (annotations?: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', annotations },
  spec: { type: 'service', owner: 'payments-team', lifecycle: 'production' },
});

function render(api: Partial<ReleaseOrchestrationApi>, entity: Entity) {
  return renderInTestApp(
    <TestApiProvider apis={[[releaseOrchestrationApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityReleasesContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('EntityReleasesContent', () => {
  it('shows the releases that ship the entity with their progress', async () => {
    const api = {
      listReleases: jest.fn().mockResolvedValue({
        items: [release()],
        totalCount: 1,
        limit: 100,
        offset: 0,
      }),
      getRelease: jest
        .fn()
        .mockResolvedValue(
          releaseDetail({ progress: progress({ done: 3, pending: 1 }) }),
        ),
    };
    await render(
      api,
      component({ 'opshub.io/release-component': 'payments-api' }),
    );
    expect(
      await screen.findByText('Releases of payments-api'),
    ).toBeInTheDocument();
    expect(screen.getByText('2026.11')).toBeInTheDocument();
    expect(api.listReleases).toHaveBeenCalledWith({
      entityRef: 'component:default/payments-api',
      limit: 100,
    });
    expect(screen.getByText('75%')).toBeInTheDocument();
    expect(api.getRelease).toHaveBeenCalledTimes(1);
    expect(api.getRelease).toHaveBeenCalledWith(7);
  });

  it('asks for the annotation when it is missing', async () => {
    const listReleases = jest.fn();
    await render({ listReleases }, component());
    expect(await screen.findByText('Missing Annotation')).toBeInTheDocument();
    expect(listReleases).not.toHaveBeenCalled();
  });
});
