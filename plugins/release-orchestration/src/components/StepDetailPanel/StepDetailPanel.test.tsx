import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { releaseOrchestrationApiRef } from '../../api';
import { step, stepEvent } from '../../testing/data';
import { permissions } from '../../__testUtils__/permissions';
import { StepDetailPanel } from './StepDetailPanel';

describe('StepDetailPanel', () => {
  it('shows the source, the content, the history and the actions of the status', async () => {
    const api = {
      getStep: jest.fn().mockResolvedValue(
        step({
          status: 'done',
          isOverridden: true,
          executedBy: 'user:default/alice.nguyen',
          notes: 'went fine',
          version: 6,
        }),
      ),
      listStepEvents: jest.fn().mockResolvedValue({
        items: [
          stepEvent(),
          stepEvent({
            id: 2,
            kind: 'status',
            fromStatus: 'pending',
            toStatus: 'done',
            note: 'after the backup window',
            actor: 'user:default/bruno.costa',
          }),
        ],
      }),
      revertStep: jest.fn().mockResolvedValue(step({ status: 'reverted' })),
    };
    const onChanged = jest.fn();
    await renderInTestApp(
      <TestApiProvider
        apis={[[releaseOrchestrationApiRef, api], permissions()]}
      >
        <StepDetailPanel
          stepId={501}
          subtitleFor={() => 'Acme Corporation'}
          onClose={jest.fn()}
          onChanged={onChanged}
        />
      </TestApiProvider>,
    );
    expect(await screen.findByText('History')).toBeInTheDocument();
    expect(screen.getByText('Template (overridden)')).toBeInTheDocument();
    expect(screen.getByText('Acme Corporation')).toBeInTheDocument();
    expect(screen.getByText('Notes: went fine')).toBeInTheDocument();
    expect(
      screen.getByText(/Executed by user:default\/alice.nguyen/),
    ).toBeInTheDocument();
    // newest first
    const history = screen.getByRole('list', { name: 'Step history' });
    expect(history.textContent).toMatch(
      /pending → done — after the backup window.*user:default\/bruno.costa.*Step created/,
    );
    expect(screen.getByTestId('code-block-bash')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Reset to template' }),
    ).toBeInTheDocument();
    // the permission API's answers are cached between tests: wait for ours
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: 'Mark done' }),
      ).not.toBeInTheDocument(),
    );

    await userEvent.type(screen.getByLabelText('Reason'), 'pods crash');
    await userEvent.click(screen.getByRole('button', { name: 'Revert' }));
    await waitFor(() =>
      expect(api.revertStep).toHaveBeenCalledWith(501, {
        version: 6,
        reason: 'pods crash',
      }),
    );
    expect(onChanged).toHaveBeenCalled();
  });

  it('requires a reason to skip a pending step', async () => {
    const api = {
      getStep: jest
        .fn()
        .mockResolvedValue(step({ isCustom: true, templateId: null })),
      listStepEvents: jest.fn().mockResolvedValue({ items: [] }),
      skipStep: jest.fn().mockResolvedValue(step({ status: 'skipped' })),
    };
    await renderInTestApp(
      <TestApiProvider
        apis={[[releaseOrchestrationApiRef, api], permissions()]}
      >
        <StepDetailPanel
          stepId={501}
          onClose={jest.fn()}
          onChanged={jest.fn()}
        />
      </TestApiProvider>,
    );
    expect(await screen.findByText('Custom step')).toBeInTheDocument();
    expect(screen.getByText('No history yet.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Skip' })).toBeDisabled();
    await userEvent.type(
      screen.getByLabelText('Notes or skip reason'),
      'not needed',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Skip' }));
    await waitFor(() =>
      expect(api.skipStep).toHaveBeenCalledWith(501, {
        version: 4,
        reason: 'not needed',
      }),
    );
  });

  it('offers override, reset and delete with step.update', async () => {
    const api = {
      getStep: jest
        .fn()
        .mockResolvedValue(step({ isCustom: true, templateId: null })),
      listStepEvents: jest.fn().mockResolvedValue({ items: [] }),
    };
    await renderInTestApp(
      <TestApiProvider
        apis={[[releaseOrchestrationApiRef, api], permissions()]}
      >
        <StepDetailPanel
          stepId={501}
          onClose={jest.fn()}
          onChanged={jest.fn()}
        />
      </TestApiProvider>,
    );
    expect(
      await screen.findByRole('button', { name: 'Edit content' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Delete step' }),
    ).toBeInTheDocument();
  });
});
