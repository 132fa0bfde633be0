import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { InfraHealthApi, infraHealthApiRef } from '../../api';
import { paymentsSlos } from '../../testing/slos';
import { SloCards } from './SloCards';
import { formatBurnRate, formatSli } from './SloCard';

// recharts' ResponsiveContainer measures with ResizeObserver, which jsdom lacks
beforeAll(() => {
  global.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});

function render(api: Partial<InfraHealthApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[infraHealthApiRef, api]]}>
      <SloCards service="payments-api" />
    </TestApiProvider>,
  );
}

describe('SloCards', () => {
  it('shows SLI, objective, budget and burn-rate pairs per SLO', async () => {
    const listSlos = jest.fn().mockResolvedValue({ items: paymentsSlos });
    await render({ listSlos });
    const card = await screen.findByTestId('slo-payments availability');
    expect(listSlos).toHaveBeenCalledWith({ service: 'payments-api' });
    expect(card).toHaveTextContent('99.95%');
    expect(card).toHaveTextContent('99.9%');
    expect(card).toHaveTextContent('Error budget remaining: 50%');
    expect(
      within(card).getByRole('progressbar', { name: 'error budget remaining' }),
    ).toHaveAttribute('aria-valuenow', '50');
    const fast = screen.getByTestId('burn-1h-5m');
    expect(fast).toHaveAttribute('data-firing', 'true');
    expect(fast).toHaveTextContent('20x / 50x');
    expect(
      within(fast).getByText('firing').closest('[data-tone]'),
    ).toHaveAttribute('data-tone', 'error');
    const slow = screen.getByTestId('burn-3d-6h');
    expect(slow).toHaveAttribute('data-firing', 'false');
    expect(slow).toHaveTextContent('– / 2.4x');
    expect(
      screen.getByText(/99.9% over 30d · Prometheus · from config/),
    ).toBeInTheDocument();
  });

  it('shows the error and the not-configured state on their own cards', async () => {
    await render({
      listSlos: jest.fn().mockResolvedValue({ items: paymentsSlos }),
    });
    expect(
      await screen.findByText(
        'Could not compute this SLO: Prometheus is unreachable: ECONNREFUSED',
      ),
    ).toBeInTheDocument();
    expect(screen.getByTestId('slo-payments checks')).toHaveTextContent(
      'Prometheus not configured: set infraHealth.prometheus.baseUrl',
    );
    // the other card still shows its figures
    expect(screen.getByTestId('slo-payments availability')).toHaveTextContent(
      '99.95%',
    );
  });

  it('shows the empty and error states', async () => {
    await render({ listSlos: jest.fn().mockResolvedValue({ items: [] }) });
    expect(
      await screen.findByText('No SLOs for payments-api'),
    ).toBeInTheDocument();
  });

  it('shows a failed request', async () => {
    await render({ listSlos: jest.fn().mockRejectedValue(new Error('boom')) });
    expect(await screen.findByText('Error: boom')).toBeInTheDocument();
  });
});

describe('formatting', () => {
  it('formats SLIs and burn rates', () => {
    expect(formatSli(0.99951)).toBe('99.951%');
    expect(formatSli(1)).toBe('100%');
    expect(formatSli(null)).toBe('No data');
    expect(formatBurnRate(17.333)).toBe('17.3x');
    expect(formatBurnRate(250.4)).toBe('250x');
    expect(formatBurnRate(null)).toBe('–');
  });
});
