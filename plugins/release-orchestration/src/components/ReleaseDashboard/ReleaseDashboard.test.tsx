import { alertApiRef, errorApiRef } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
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
import { permissions } from '../../__testUtils__/permissions';
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
    listReleaseEvents: jest.fn().mockResolvedValue({
      items: [stepEvent({ id: 9, customerId: 2, note: 'ran by hand' })],
      totalCount: 1,
      limit: 20,
      offset: 0,
    }),
    ...overrides,
  };
}

async function render(
  api: Partial<ReleaseOrchestrationApi>,
  signals = new FakeSignalApi(),
  alerts = { post: jest.fn(), alert$: jest.fn() },
  errors?: { post: jest.Mock; error$: jest.Mock },
) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [releaseOrchestrationApiRef, api],
        [signalApiRef, signals],
        permissions(),
        [alertApiRef, alerts],
        ...(errors ? [[errorApiRef, errors] as const] : []),
      ]}
    >
      <Routes>
        <Route path="/releases/:id" element={<ReleaseDashboard />} />
        <Route path="/releases" element={<p>Every release</p>} />
      </Routes>
    </TestApiProvider>,
    { routeEntries: ['/releases/7'] },
  );
  return { signals, alerts };
}

describe('ReleaseDashboard', () => {
  it('deletes a draft from its dashboard and goes back to the releases', async () => {
    const api = mockApi({
      getRelease: jest
        .fn()
        .mockResolvedValue(releaseDetail({ status: 'draft', version: 2 })),
      deleteRelease: jest.fn().mockResolvedValue(undefined),
    });
    await render(api);
    expect(
      await screen.findByRole('button', { name: 'Edit release' }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Delete draft' }));
    await userEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', {
        name: 'Delete draft',
      }),
    );
    await waitFor(() => expect(api.deleteRelease).toHaveBeenCalledWith(7, 2));
    expect(await screen.findByText('Every release')).toBeInTheDocument();
  }, 60_000);

  it('edits an active release but offers no delete', async () => {
    const api = mockApi({
      updateRelease: jest.fn().mockResolvedValue(releaseDetail()),
    });
    await render(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Edit release' }),
    );
    expect(
      screen.queryByRole('button', { name: 'Delete draft' }),
    ).not.toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Description'), ' (late)');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(api.updateRelease).toHaveBeenCalledWith(
        7,
        expect.objectContaining({
          version: 3,
          description: 'November release (late)',
        }),
      ),
    );
    await waitFor(() => expect(api.getRelease).toHaveBeenCalledTimes(2));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  }, 60_000);

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
    // the release-wide history, under the matrix
    expect(await screen.findByText('History (1)')).toBeInTheDocument();
    expect(screen.getByText('Step created — ran by hand')).toBeInTheDocument();
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

  it('exports CSV and JSON through the API client as a Blob URL', async () => {
    const csv = new Blob(['a,b\r\n'], { type: 'text/csv' });
    const api = mockApi({
      exportRelease: jest
        .fn()
        .mockResolvedValueOnce({ blob: csv, filename: 'release-7.csv' })
        .mockRejectedValueOnce(
          await ResponseError.fromResponse(
            new Response(
              JSON.stringify({
                error: { name: 'NotFoundError', message: 'No release 7' },
                response: { statusCode: 404 },
              }),
              { status: 404, headers: { 'Content-Type': 'application/json' } },
            ),
          ),
        ),
    });
    const errors = { post: jest.fn(), error$: jest.fn() };
    const createObjectURL = jest.fn(() => 'blob:release-7');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const clicked: string[] = [];
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function record(this: HTMLAnchorElement) {
        clicked.push(`${this.download} ${this.getAttribute('href')}`);
      });
    try {
      const { alerts } = await render(
        api,
        new FakeSignalApi(),
        undefined,
        errors,
      );
      await userEvent.click(
        await screen.findByRole('button', { name: 'Export CSV' }),
      );
      await waitFor(() =>
        expect(clicked).toEqual(['release-7.csv blob:release-7']),
      );
      expect(api.exportRelease).toHaveBeenCalledWith(7, 'csv');
      expect(createObjectURL).toHaveBeenCalledWith(csv);
      await waitFor(() =>
        expect(revokeObjectURL).toHaveBeenCalledWith('blob:release-7'),
      );

      await userEvent.click(
        screen.getByRole('button', { name: 'Export JSON' }),
      );
      await waitFor(() =>
        expect(api.exportRelease).toHaveBeenCalledWith(7, 'json'),
      );
      // a 4xx shows the server's message
      await waitFor(() =>
        expect(alerts.post).toHaveBeenCalledWith({
          message: 'No release 7',
          severity: 'error',
        }),
      );
      expect(errors.post).not.toHaveBeenCalled();
      expect(clicked).toHaveLength(1);
    } finally {
      click.mockRestore();
    }
  });

  it('marks the selected cells done in one bulk action', async () => {
    const api = mockApi({
      bulkSteps: jest.fn().mockResolvedValue({ items: [] }),
    });
    await render(api);
    await userEvent.click(
      await screen.findByRole('checkbox', {
        name: 'Select every step of Globex',
      }),
    );
    await userEvent.click(
      screen.getByRole('checkbox', {
        name: 'Select Verify ledger balances for Acme Corporation',
      }),
    );
    expect(screen.getByText('3 steps selected')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Mark done' }));
    await waitFor(() =>
      expect(api.bulkSteps).toHaveBeenCalledWith(7, {
        action: 'done',
        steps: [
          { id: 503, version: 5 },
          { id: 504, version: 1 },
          { id: 502, version: 1 },
        ],
      }),
    );
    await waitFor(() =>
      expect(screen.queryByText(/steps selected/)).not.toBeInTheDocument(),
    );
    await waitFor(() => expect(api.getReleaseMatrix).toHaveBeenCalledTimes(2));
  });

  it("skips a step's row with a reason; a 409 shows the server's message", async () => {
    const response = new Response(
      JSON.stringify({
        error: { name: 'ConflictError', message: 'Step 503 was changed' },
        response: { statusCode: 409 },
      }),
      { status: 409, headers: { 'Content-Type': 'application/json' } },
    );
    const api = mockApi({
      bulkSteps: jest
        .fn()
        .mockRejectedValue(await ResponseError.fromResponse(response)),
    });
    const { alerts } = await render(api);
    await userEvent.click(
      await screen.findByRole('checkbox', {
        name: 'Select Back up the payments schema for every customer',
      }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Skip' }));
    // the dialog's Skip needs a reason
    expect(
      screen.getAllByRole('button', { name: 'Skip' }).at(-1),
    ).toBeDisabled();
    await userEvent.type(screen.getByLabelText(/Reason/), 'not needed');
    await userEvent.click(
      screen.getAllByRole('button', { name: 'Skip' }).at(-1)!,
    );
    await waitFor(() =>
      expect(api.bulkSteps).toHaveBeenCalledWith(7, {
        action: 'skip',
        steps: [
          { id: 501, version: 2 },
          { id: 503, version: 5 },
        ],
        reason: 'not needed',
      }),
    );
    await waitFor(() =>
      expect(alerts.post).toHaveBeenCalledWith(
        expect.objectContaining({ message: 'Step 503 was changed' }),
      ),
    );
    await waitFor(() => expect(api.getReleaseMatrix).toHaveBeenCalledTimes(2));
  });
});
