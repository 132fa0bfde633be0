import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { InfraHealthApi, infraHealthApiRef } from '../../api';
import { checkWithStatus } from '../../testing/checks';
import { CheckPage } from './CheckPage';

describe('CheckPage', () => {
  it('shows the check, its runbook, charts and samples', async () => {
    const check = checkWithStatus({
      id: 7,
      name: 'payments-tls',
      kind: 'tls',
      url: 'tls://payments.example.com:443',
      runbookUrl: 'https://runbooks.example.com/tls',
      maintenanceWindows: [
        {
          start: '2026-12-24T22:00:00.000Z',
          end: '2026-12-25T02:00:00.000Z',
          reason: 'certificate rotation',
        },
      ],
    });
    const samples = Array.from({ length: 3 }, (_, i) => ({
      id: 10 + i,
      checkId: 7,
      status: i === 0 ? ('degraded' as const) : ('up' as const),
      latencyMs: 40 + i,
      httpStatus: null,
      error: null,
      detail: null,
      certDaysLeft: 5,
      sampledAt: new Date(Date.UTC(2026, 11, 2, 10, 59 - i)).toISOString(),
    }));
    const api: Partial<InfraHealthApi> = {
      getCheck: jest.fn().mockResolvedValue(check),
      listSamples: jest.fn().mockResolvedValue({
        items: samples,
        totalCount: 3,
        limit: 500,
        offset: 0,
      }),
    };
    await renderInTestApp(
      <TestApiProvider apis={[[infraHealthApiRef, api]]}>
        <Routes>
          <Route path="/checks/:id" element={<CheckPage />} />
        </Routes>
      </TestApiProvider>,
      { routeEntries: ['/checks/7'] },
    );
    expect(
      await screen.findByText('https://runbooks.example.com/tls'),
    ).toBeInTheDocument();
    expect(api.getCheck).toHaveBeenCalledWith(7);
    expect(screen.getByText(/certificate rotation/)).toBeInTheDocument();
    expect(await screen.findByText('Latency')).toBeInTheDocument();
    expect(
      await screen.findByText('Samples of payments-tls (3)'),
    ).toBeInTheDocument();
  });
});
