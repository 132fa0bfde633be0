import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ServiceLogs } from '@opshub/plugin-infra-health-common';
import { screen, within } from '@testing-library/react';
import { InfraHealthApi, infraHealthApiRef } from '../../api';
import { RecentLogs } from './RecentLogs';

function render(logs: ServiceLogs | Error) {
  const getLogs = jest.fn(async () => {
    if (logs instanceof Error) throw logs;
    return logs;
  });
  const api: Partial<InfraHealthApi> = { getLogs };
  return {
    getLogs,
    rendered: renderInTestApp(
      <TestApiProvider apis={[[infraHealthApiRef, api]]}>
        <RecentLogs service="payments-api" limit={20} />
      </TestApiProvider>,
    ),
  };
}

describe('RecentLogs', () => {
  it('lists lines with level chips', async () => {
    const { getLogs, rendered } = render({
      configured: true,
      source: 'opensearch',
      error: null,
      lines: [
        {
          timestamp: '2026-12-02T10:05:00.000Z',
          level: 'error',
          message: 'payment provider timed out',
          source: 'payments-7f9c',
        },
        {
          timestamp: '2026-12-02T10:01:00.000Z',
          level: 'warning',
          message: 'retrying',
        },
      ],
    });
    await rendered;
    expect(
      await screen.findByText('payment provider timed out'),
    ).toBeInTheDocument();
    expect(getLogs).toHaveBeenCalledWith({
      service: 'payments-api',
      limit: 20,
    });
    const table = screen.getByRole('table', { name: 'log lines' });
    expect(
      within(table).getByText('error').closest('[data-tone]'),
    ).toHaveAttribute('data-tone', 'error');
    expect(
      within(table).getByText('warning').closest('[data-tone]'),
    ).toHaveAttribute('data-tone', 'warning');
    expect(within(table).getByText('payments-7f9c')).toBeInTheDocument();
    expect(screen.getByText('from opensearch')).toBeInTheDocument();
  });

  it('says logs are not configured', async () => {
    await render({ configured: false, source: null, lines: [], error: null })
      .rendered;
    expect(await screen.findByText('Logs not configured')).toBeInTheDocument();
  });

  it('shows the error of the log source', async () => {
    await render({
      configured: true,
      source: 'opensearch',
      lines: [],
      error: 'OpenSearch is unreachable: ECONNREFUSED',
    }).rendered;
    expect(
      await screen.findByText(
        'Could not read the logs of payments-api: OpenSearch is unreachable: ECONNREFUSED',
      ),
    ).toBeInTheDocument();
  });

  it('shows an empty state and a failed request', async () => {
    await render({
      configured: true,
      source: 'opensearch',
      lines: [],
      error: null,
    }).rendered;
    expect(
      await screen.findByText(
        'No errors or warnings for payments-api in the last hour',
      ),
    ).toBeInTheDocument();
  });

  it('shows a failed request', async () => {
    await render(new Error('backend down')).rendered;
    expect(await screen.findByText('Error: backend down')).toBeInTheDocument();
  });
});
