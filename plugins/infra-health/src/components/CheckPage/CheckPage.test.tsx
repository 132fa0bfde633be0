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
      listRollups: jest.fn().mockResolvedValue({
        items: [
          {
            checkId: 7,
            hour: '2026-12-02T08:00:00.000Z',
            count: 120,
            upCount: 120,
            degradedCount: 0,
            latencyP50Ms: 40,
            latencyP95Ms: 55,
          },
          {
            checkId: 7,
            hour: '2026-12-02T09:00:00.000Z',
            count: 120,
            upCount: 114,
            degradedCount: 2,
            latencyP50Ms: 42,
            latencyP95Ms: 90,
          },
        ],
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
    expect(
      await screen.findByRole('heading', { name: 'Latency' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('Samples of payments-tls (3)'),
    ).toBeInTheDocument();
    // the week from the hourly rollups: 234 of 240 samples up
    expect(
      await screen.findByText(
        (_, element) =>
          element?.tagName === 'P' &&
          element.textContent ===
            '2 hours, 97.5% of samples up; 1 hour with a failure',
      ),
    ).toBeInTheDocument();
    const [id, range] = (api.listRollups as jest.Mock).mock.calls[0];
    expect(id).toBe(7);
    expect(Date.parse(range.to) - Date.parse(range.from)).toBe(
      7 * 24 * 3600_000,
    );
  });

  it('says when there are no rollups yet', async () => {
    const api: Partial<InfraHealthApi> = {
      getCheck: jest
        .fn()
        .mockResolvedValue(checkWithStatus({ id: 8, name: 'payments-tcp' })),
      listSamples: jest
        .fn()
        .mockResolvedValue({ items: [], totalCount: 0, limit: 500, offset: 0 }),
      listRollups: jest.fn().mockResolvedValue({ items: [] }),
    };
    await renderInTestApp(
      <TestApiProvider apis={[[infraHealthApiRef, api]]}>
        <Routes>
          <Route path="/checks/:id" element={<CheckPage />} />
        </Routes>
      </TestApiProvider>,
      { routeEntries: ['/checks/8'] },
    );
    expect(
      await screen.findByText('No hourly rollups yet'),
    ).toBeInTheDocument();
  });
});
