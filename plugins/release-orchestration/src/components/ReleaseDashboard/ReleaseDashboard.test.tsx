import { alertApiRef } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { ReleaseOrchestrationApi, releaseOrchestrationApiRef } from '../../api';
import {
  matrix,
  progress,
  releaseDetail,
  step,
  stepEvent,
} from '../../testing/data';
import { FakeSignalApi } from '../../__testUtils__/signals';
import { ReleaseDashboard } from './ReleaseDashboard';

function mockApi(overrides: Partial<ReleaseOrchestrationApi> = {}) {
  return {
    getRelease: jest.fn().mockResolvedValue(releaseDetail()),
    getReleaseProgress: jest.fn().mockResolvedValue({
      releaseId: 7,
      progress: progress({ done: 1, pending: 3 }),
      clusters: [
        {
          clusterId: 1,
          clusterName: 'eu-west-1',
          customerCount: 2,
          progress: progress({ done: 1, pending: 3 }),
        },
      ],
      customers: [
        {
          customerId: 1,
          customerName: 'Acme Corporation',
          clusterId: 1,
          clusterName: 'eu-west-1',
          progress: progress({ done: 1, pending: 1 }),
        },
      ],
    }),
    getReleaseMatrix: jest.fn().mockResolvedValue(matrix()),
    markStepDone: jest.fn().mockResolvedValue(step({ status: 'done' })),
    revertStep: jest.fn().mockResolvedValue(step({ status: 'reverted' })),
    getStep: jest.fn().mockResolvedValue(step({ id: 501, status: 'done' })),
    listStepEvents: jest.fn().mockResolvedValue({ items: [stepEvent()] }),
    ...overrides,
  };
}

async function render(
  api: Partial<ReleaseOrchestrationApi>,
  signals = new FakeSignalApi(),
  alerts = { post: jest.fn(), alert$: jest.fn() },
) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [releaseOrchestrationApiRef, api],
        [signalApiRef, signals],
        [alertApiRef, alerts],
      ]}
    >
      <Routes>
        <Route path="/releases/:id" element={<ReleaseDashboard />} />
      </Routes>
    </TestApiProvider>,
    { routeEntries: ['/releases/7'] },
  );
  return { signals, alerts };
}

describe('ReleaseDashboard', () => {
  it('renders the matrix of each cluster with status chips and progress', async () => {
    const api = mockApi();
    await render(api);
    expect(await screen.findByText('Release 2026.11')).toBeInTheDocument();
    expect(
      await screen.findByRole('grid', { name: 'Steps of eu-west-1' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Acme Corporation')).toBeInTheDocument();
    expect(screen.getByText('Globex')).toBeInTheDocument();
    expect(screen.getByText('Verify ledger balances')).toBeInTheDocument();
    expect(
      screen.getByRole('button', {
        name: 'Back up the payments schema for Acme Corporation: done',
      }),
    ).toBeInTheDocument();
    expect(api.getReleaseMatrix).toHaveBeenCalledWith(7, {
      cluster: 'eu-west-1',
      limit: 100,
      offset: 0,
    });
  });

  it('marks a step done from the matrix with the version of its row', async () => {
    const api = mockApi();
    await render(api);
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Mark done: Back up the payments schema for Globex',
      }),
    );
    await waitFor(() =>
      expect(api.markStepDone).toHaveBeenCalledWith(503, { version: 5 }),
    );
    // refetches after the write
    await waitFor(() => expect(api.getReleaseMatrix).toHaveBeenCalledTimes(2));
  });

  it('shows the message of a stale write and refetches', async () => {
    const response = new Response(
      JSON.stringify({
        error: {
          name: 'ConflictError',
          message: 'Step 501 was changed by someone else',
        },
        request: { method: 'POST', url: '/steps/501/revert' },
        response: { statusCode: 409 },
      }),
      { status: 409, headers: { 'Content-Type': 'application/json' } },
    );
    const api = mockApi({
      revertStep: jest
        .fn()
        .mockRejectedValue(await ResponseError.fromResponse(response)),
    });
    const { alerts } = await render(api);
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Revert: Back up the payments schema for Acme Corporation',
      }),
    );
    await waitFor(() =>
      expect(alerts.post).toHaveBeenCalledWith(
        expect.objectContaining({
          message: 'Step 501 was changed by someone else',
        }),
      ),
    );
    expect(api.revertStep).toHaveBeenCalledWith(501, { version: 2 });
    await waitFor(() => expect(api.getRelease).toHaveBeenCalledTimes(2));
  });

  it('refetches when a signal arrives on the release channel', async () => {
    const api = mockApi();
    const { signals } = await render(api);
    await screen.findByRole('grid', { name: 'Steps of eu-west-1' });
    expect(signals.subscribers('release-orchestration:release:7')).toBe(1);
    expect(api.getRelease).toHaveBeenCalledTimes(1);
    expect(api.getReleaseMatrix).toHaveBeenCalledTimes(1);

    signals.emit('release-orchestration:release:7', {
      type: 'step.updated',
      releaseId: 7,
      stepIds: [503],
    });
    await waitFor(() => expect(api.getRelease).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(api.getReleaseMatrix).toHaveBeenCalledTimes(2));
    expect(api.getReleaseProgress).toHaveBeenCalledTimes(2);
  });

  it('opens the step panel from a status chip', async () => {
    const api = mockApi();
    await render(api);
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Back up the payments schema for Acme Corporation: done',
      }),
    );
    expect(await screen.findByText('History')).toBeInTheDocument();
    expect(api.getStep).toHaveBeenCalledWith(501);
  });
});
