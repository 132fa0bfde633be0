import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReleaseOrchestrationApi, releaseOrchestrationApiRef } from '../../api';
import { responseError, stepEvent } from '../../testing/data';
import { ReleaseHistory } from './ReleaseHistory';

const events = [
  stepEvent({
    id: 3,
    kind: 'status',
    fromStatus: 'pending',
    toStatus: 'skipped',
    note: 'not needed',
    customerId: 2,
    stepId: 503,
    actor: 'user:default/bob',
  }),
  stepEvent({ id: 2, kind: 'deleted', stepId: null }),
];

async function render(
  api: Partial<ReleaseOrchestrationApi>,
  onOpenStep = jest.fn(),
) {
  await renderInTestApp(
    <TestApiProvider apis={[[releaseOrchestrationApiRef, api]]}>
      <ReleaseHistory
        releaseId={7}
        customerName={id => (id === 2 ? 'Globex' : undefined)}
        onOpenStep={onOpenStep}
      />
    </TestApiProvider>,
  );
  return { onOpenStep };
}

describe('ReleaseHistory', () => {
  it('lists the history newest first and pages on the server', async () => {
    const listReleaseEvents = jest
      .fn()
      .mockResolvedValueOnce({
        items: events,
        totalCount: 45,
        limit: 20,
        offset: 0,
      })
      .mockResolvedValueOnce({
        items: [stepEvent({ id: 1, note: 'first' })],
        totalCount: 45,
        limit: 20,
        offset: 20,
      });
    const { onOpenStep } = await render({ listReleaseEvents });
    expect(await screen.findByText('History (45)')).toBeInTheDocument();
    expect(
      screen.getByText('pending → skipped — not needed'),
    ).toBeInTheDocument();
    expect(screen.getByText('Globex')).toBeInTheDocument();
    expect(screen.getByText('user:default/bob')).toBeInTheDocument();
    // a deleted step has no id, so nothing to open; others come from the props
    expect(screen.getByText('Customer 1')).toBeInTheDocument();
    expect(screen.getByText('Step deleted')).toBeInTheDocument();
    expect(listReleaseEvents).toHaveBeenCalledWith(7, { limit: 20, offset: 0 });

    await userEvent.click(screen.getByRole('button', { name: 'Step 503' }));
    expect(onOpenStep).toHaveBeenCalledWith(503);

    expect(screen.getByText('1-20 of 45')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /next page/i }));
    await waitFor(() =>
      expect(listReleaseEvents).toHaveBeenLastCalledWith(7, {
        limit: 20,
        offset: 20,
      }),
    );
    expect(await screen.findByText('Step created — first')).toBeInTheDocument();
    expect(screen.getByText('21-40 of 45')).toBeInTheDocument();
  });

  it('says when there is no history yet', async () => {
    await render({
      listReleaseEvents: jest
        .fn()
        .mockResolvedValue({ items: [], totalCount: 0, limit: 20, offset: 0 }),
    });
    expect(await screen.findByText('No history yet')).toBeInTheDocument();
  });

  it("shows the server's error", async () => {
    await render({
      listReleaseEvents: jest
        .fn()
        .mockRejectedValue(
          await responseError(
            403,
            'NotAllowedError',
            'Permission denied: release-orchestration.release.read',
          ),
        ),
    });
    expect(
      await screen.findByText(
        'Permission denied: release-orchestration.release.read',
      ),
    ).toBeInTheDocument();
  });
});
