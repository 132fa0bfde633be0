import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { ReleaseOrchestrationApi, releaseOrchestrationApiRef } from '../../api';
import { cluster, clusterEntity } from '../../testing/data';
import { EntityReleaseClusterCard } from './EntityReleaseClusterCard';

const annotated = clusterEntity({ 'opshub.io/release-cluster': 'eu-west-1' });

function render(api: Partial<ReleaseOrchestrationApi>, entity: Entity) {
  return renderInTestApp(
    <TestApiProvider apis={[[releaseOrchestrationApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityReleaseClusterCard />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('EntityReleaseClusterCard', () => {
  it('summarises the annotated cluster', async () => {
    const getCluster = jest.fn().mockResolvedValue(cluster());
    await render({ getCluster }, annotated);
    expect(await screen.findByText('EU West 1')).toBeInTheDocument();
    expect(screen.getByText('3 (2 active)')).toBeInTheDocument();
    expect(getCluster).toHaveBeenCalledWith('eu-west-1');
  });

  it('shows the error from the backend', async () => {
    await render(
      { getCluster: jest.fn().mockRejectedValue(new Error('no such cluster')) },
      annotated,
    );
    expect(
      await screen.findByText('Error: no such cluster'),
    ).toBeInTheDocument();
  });

  it('asks for the annotation when it is missing', async () => {
    const getCluster = jest.fn();
    await render({ getCluster }, clusterEntity());
    expect(await screen.findByText('Missing Annotation')).toBeInTheDocument();
    expect(getCluster).not.toHaveBeenCalled();
  });
});
