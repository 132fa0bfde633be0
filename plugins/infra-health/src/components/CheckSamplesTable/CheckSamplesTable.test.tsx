import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { HealthSample } from '@opshub/plugin-infra-health-common';
import { fireEvent, screen, within } from '@testing-library/react';
import { InfraHealthApi, infraHealthApiRef } from '../../api';
import { checkWithStatus } from '../../testing/checks';
import { HealthCheckTile } from '../HealthCheckTile';

const samples: HealthSample[] = Array.from({ length: 12 }, (_, i) => ({
  id: 100 - i,
  checkId: 7,
  status: i === 0 ? 'down' : 'up',
  latencyMs: i === 0 ? 5000 : 4.25,
  httpStatus: i === 0 ? null : 200,
  error: i === 0 ? 'Timed out after 5000 ms' : null,
  detail: null,
  certDaysLeft: null,
  sampledAt: new Date(Date.UTC(2026, 11, 2, 10, 59 - i)).toISOString(),
}));

describe('CheckSamplesTable', () => {
  it('opens from a tile and pages the samples on the server', async () => {
    const listSamples = jest.fn(
      async (_id: number, o: { limit?: number; offset?: number }) => ({
        items: samples.slice(o.offset ?? 0, (o.offset ?? 0) + (o.limit ?? 10)),
        totalCount: samples.length,
        limit: o.limit ?? 10,
        offset: o.offset ?? 0,
      }),
    );
    const api: Partial<InfraHealthApi> = { listSamples };
    await renderInTestApp(
      <TestApiProvider apis={[[infraHealthApiRef, api]]}>
        <HealthCheckTile check={checkWithStatus({ id: 7, name: 'pay-prod' })} />
      </TestApiProvider>,
    );
    expect(listSamples).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Samples' }));
    const dialog = await screen.findByRole('dialog');
    expect(
      await within(dialog).findByText('Samples of pay-prod (12)'),
    ).toBeInTheDocument();
    expect(listSamples).toHaveBeenCalledWith(7, { limit: 10, offset: 0 });
    expect(
      within(dialog).getByText('Timed out after 5000 ms'),
    ).toBeInTheDocument();
    expect(within(dialog).getAllByText('4.3 ms')).toHaveLength(9);
    fireEvent.click(within(dialog).getByRole('button', { name: /next page/i }));
    await within(dialog).findByText('11-12 of 12');
    expect(listSamples).toHaveBeenLastCalledWith(7, { limit: 10, offset: 10 });
  });
});
