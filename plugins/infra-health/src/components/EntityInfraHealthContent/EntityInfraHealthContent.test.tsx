import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { InfraHealthApi, infraHealthApiRef } from '../../api';
import {
  alertPage,
  healthAlert,
  permissions,
} from '../../__testUtils__/alerts';
import { paymentsChecks } from '../../testing/checks';
import { EntityInfraHealthContent } from './EntityInfraHealthContent';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    annotations: { 'opshub.io/health-service': 'payments-api' },
  },
  spec: {},
};

const noSlosOrLogs: Partial<InfraHealthApi> = {
  listSlos: jest.fn().mockResolvedValue({ items: [] }),
  getLogs: jest.fn().mockResolvedValue({
    configured: false,
    source: null,
    lines: [],
    error: null,
  }),
};

function render(api: Partial<InfraHealthApi>, e: Entity = entity) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [
          infraHealthApiRef,
          {
            ...noSlosOrLogs,
            listAlerts: jest.fn().mockResolvedValue(alertPage([])),
            ...api,
          },
        ],
        permissions(),
      ]}
    >
      <EntityProvider entity={e}>
        <EntityInfraHealthContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('EntityInfraHealthContent', () => {
  it('shows a tile per check of the annotated service', async () => {
    const listChecks = jest.fn().mockResolvedValue({ items: paymentsChecks });
    await render({ listChecks });

    expect(await screen.findByText('payments-prod')).toBeInTheDocument();
    expect(listChecks).toHaveBeenCalledWith({ service: 'payments-api' });

    const healthy = screen.getByTestId('health-check-payments-prod');
    expect(healthy).toHaveAttribute('data-status', 'healthy');
    expect(healthy).toHaveTextContent('87 ms (p95 140 ms)');
    expect(healthy).toHaveTextContent('99.5%');
    expect(healthy).toHaveTextContent(
      'GET https://payments-prod.example.com/healthz',
    );

    const down = screen.getByTestId('health-check-payments-eu');
    expect(down).toHaveAttribute('data-status', 'unhealthy');
    expect(down).toHaveTextContent('Timed out after 5000 ms');
    expect(down).toHaveTextContent('80%');
    expect(
      screen.getByText('unhealthy').closest('[data-tone]'),
    ).toHaveAttribute('data-tone', 'error');
  });

  it('shows the SLOs and the logs of the service', async () => {
    const listSlos = jest.fn().mockResolvedValue({ items: [] });
    await render({
      listChecks: jest.fn().mockResolvedValue({ items: paymentsChecks }),
      listSlos,
    });
    expect(
      await screen.findByText('No SLOs for payments-api'),
    ).toBeInTheDocument();
    expect(listSlos).toHaveBeenCalledWith({ service: 'payments-api' });
    expect(await screen.findByText('Logs not configured')).toBeInTheDocument();
  });

  it("shows the alerts of the entity's service", async () => {
    const listAlerts = jest
      .fn()
      .mockResolvedValue(alertPage([healthAlert({ id: 5 })]));
    await render({
      listChecks: jest.fn().mockResolvedValue({ items: paymentsChecks }),
      listAlerts,
    });
    expect(await screen.findByText('HighErrorRate')).toBeInTheDocument();
    expect(listAlerts).toHaveBeenCalledWith(
      expect.objectContaining({ service: 'payments-api', offset: 0 }),
    );
  });

  it('shows the empty state when the service has no checks', async () => {
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
    const listChecks = jest.fn();
    await render({ listChecks }, { ...entity, metadata: { name: 'x' } });
    expect(await screen.findByText('Missing Annotation')).toBeInTheDocument();
    expect(listChecks).not.toHaveBeenCalled();
  });
});
