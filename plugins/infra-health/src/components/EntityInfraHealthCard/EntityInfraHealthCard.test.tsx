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

const noAlertsOrSlos = {
  listAlerts: jest
    .fn()
    .mockResolvedValue({ items: [], totalCount: 0, limit: 1, offset: 0 }),
  listSlos: jest.fn().mockResolvedValue({ items: [] }),
};

describe('EntityInfraHealthCard', () => {
  it('sums up firing alerts and the error budget left of each SLO', async () => {
    const listAlerts = jest
      .fn()
      .mockResolvedValue({ items: [], totalCount: 2, limit: 1, offset: 0 });
    await render({
      listChecks: jest.fn().mockResolvedValue({ items: paymentsChecks }),
      listAlerts,
      listSlos: jest.fn().mockResolvedValue({
        items: [
          { name: 'availability', errorBudgetRemaining: 0.42, error: null },
          {
            name: 'requests',
            errorBudgetRemaining: null,
            error: { kind: 'not_configured', message: 'x' },
          },
        ],
      }),
    });
    const summary = await screen.findByTestId('health-summary');
    expect(await screen.findByText('2 firing alerts')).toBeInTheDocument();
    expect(
      await screen.findByText(
        'availability: 42% budget left · requests: error',
      ),
    ).toBeInTheDocument();
    expect(summary).toBeInTheDocument();
    expect(listAlerts).toHaveBeenCalledWith({
      service: 'payments-api',
      state: 'firing',
      limit: 1,
      offset: 0,
    });
  });

  it('keeps the checks when alerts and SLOs cannot be loaded', async () => {
    await render({
      listChecks: jest.fn().mockResolvedValue({ items: paymentsChecks }),
      listAlerts: jest.fn().mockRejectedValue(new Error('down')),
      listSlos: jest.fn().mockRejectedValue(new Error('down')),
    });
    expect(await screen.findByText('alerts: unavailable')).toBeInTheDocument();
    expect(await screen.findByText('SLOs: unavailable')).toBeInTheDocument();
    expect(
      await screen.findByTestId('health-check-payments-prod'),
    ).toBeInTheDocument();
  });

  it('lists the checks with their status', async () => {
    await render({
      ...noAlertsOrSlos,
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
    await render({
      ...noAlertsOrSlos,
      listChecks: jest.fn().mockResolvedValue({ items: [] }),
    });
    expect(
      await screen.findByText('No health checks for payments-api'),
    ).toBeInTheDocument();
  });

  it('shows the error from the backend', async () => {
    await render({
      ...noAlertsOrSlos,
      listChecks: jest.fn().mockRejectedValue(new Error('backend down')),
    });
    expect(await screen.findByText('Error: backend down')).toBeInTheDocument();
  });

  it('asks for the annotation when it is missing', async () => {
    await render({}, { ...entity, metadata: { name: 'x' } });
    expect(await screen.findByText('Missing Annotation')).toBeInTheDocument();
  });
});
