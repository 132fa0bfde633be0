import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { InfraHealthApi, infraHealthApiRef } from '../../api';
import { paymentsChecks } from '../../testing/checks';
import { EntityInfraHealthCard } from './EntityInfraHealthCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    annotations: { 'opshub.io/health-service': 'payments-api' },
  },
  spec: {},
};

function render(api: Partial<InfraHealthApi>, e: Entity = entity) {
  return renderInTestApp(
    <TestApiProvider apis={[[infraHealthApiRef, api]]}>
      <EntityProvider entity={e}>
        <EntityInfraHealthCard />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('EntityInfraHealthCard', () => {
  it('lists the checks with their status', async () => {
    await render({
      listChecks: jest.fn().mockResolvedValue({ items: paymentsChecks }),
    });
    expect(await screen.findByText('Health checks')).toBeInTheDocument();
    expect(
      await screen.findByTestId('health-check-payments-prod'),
    ).toHaveTextContent('payments-prod87 ms · uptime 24h 99.5%healthy');
    expect(screen.getByTestId('health-check-payments-eu')).toHaveTextContent(
      'Timed out after 5000 ms',
    );
  });

  it('shows the empty state', async () => {
    await render({ listChecks: jest.fn().mockResolvedValue({ items: [] }) });
    expect(
      await screen.findByText('No health checks for payments-api'),
    ).toBeInTheDocument();
  });

  it('shows the error from the backend', async () => {
    await render({
      listChecks: jest.fn().mockRejectedValue(new Error('backend down')),
    });
    expect(await screen.findByText('Error: backend down')).toBeInTheDocument();
  });

  it('asks for the annotation when it is missing', async () => {
    await render({}, { ...entity, metadata: { name: 'x' } });
    expect(await screen.findByText('Missing Annotation')).toBeInTheDocument();
  });
});
