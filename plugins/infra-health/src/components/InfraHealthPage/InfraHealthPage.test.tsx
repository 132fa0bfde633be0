import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { InfraHealthApi, infraHealthApiRef } from '../../api';
import { checkWithStatus, paymentsChecks } from '../../testing/checks';
import { InfraHealthPage } from './InfraHealthPage';

function render(api: Partial<InfraHealthApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[infraHealthApiRef, api]]}>
      <InfraHealthPage />
    </TestApiProvider>,
  );
}

describe('InfraHealthPage', () => {
  it('groups the health grid by service', async () => {
    const listChecks = jest.fn().mockResolvedValue({
      items: [
        checkWithStatus({
          id: 3,
          name: 'checkout-prod',
          service: 'checkout-web',
          status: 'degraded',
        }),
        ...paymentsChecks,
        checkWithStatus({
          id: 4,
          name: 'search-prod',
          service: 'search',
          status: 'unknown',
          latestSample: null,
          uptimePercent24h: null,
          latencyP95Ms: null,
          latencyAvgMs: null,
        }),
      ],
    });
    await render({ listChecks });

    const headings = await screen.findAllByRole('heading', { level: 2 });
    expect(headings.map(h => h.textContent)).toEqual(
      expect.arrayContaining(['checkout-web', 'payments-api', 'search']),
    );
    expect(listChecks).toHaveBeenCalledWith({ service: undefined });
    expect(screen.getByTestId('health-check-checkout-prod')).toHaveAttribute(
      'data-status',
      'degraded',
    );
    const unknown = screen.getByTestId('health-check-search-prod');
    expect(within(unknown).getByText('never')).toBeInTheDocument();
    expect(unknown).toHaveTextContent('— (p95 —)');
  });

  it('explains how to add checks when none is configured', async () => {
    await render({ listChecks: jest.fn().mockResolvedValue({ items: [] }) });
    expect(
      await screen.findByText('No health checks configured'),
    ).toBeInTheDocument();
  });
});
