import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import { releaseOrchestrationApiRef } from '../../api';
import { step } from '../../testing/data';
import { permissions } from '../../__testUtils__/permissions';
import { StepDetailPanel } from './StepDetailPanel';

// usePermission caches its answers for the whole test file: one policy per
// file (see __testUtils__/permissions.ts).
const policy = permissions(['release-orchestration.step.update']);

describe('StepDetailPanel without step.update', () => {
  it('offers content changes only with step.update; execution stays', async () => {
    const api = {
      getStep: jest
        .fn()
        .mockResolvedValueOnce(step({ isCustom: true, templateId: null }))
        .mockResolvedValueOnce(step({ isOverridden: true, status: 'done' })),
      listStepEvents: jest.fn().mockResolvedValue({ items: [] }),
    };
    const { unmount } = await renderInTestApp(
      <TestApiProvider apis={[[releaseOrchestrationApiRef, api], policy]}>
        <StepDetailPanel
          stepId={501}
          onClose={jest.fn()}
          onChanged={jest.fn()}
        />
      </TestApiProvider>,
    );
    expect(await screen.findByText('Custom step')).toBeInTheDocument();
    // the denial is in, not merely loading
    await waitFor(() =>
      expect(policy.asked).toContain('release-orchestration.step.update@7'),
    );
    expect(
      screen.getByRole('button', { name: 'Mark done' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Skip' })).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Edit content' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Delete step' }),
    ).not.toBeInTheDocument();
    unmount();

    await renderInTestApp(
      <TestApiProvider apis={[[releaseOrchestrationApiRef, api], policy]}>
        <StepDetailPanel
          stepId={501}
          onClose={jest.fn()}
          onChanged={jest.fn()}
        />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText('Template (overridden)'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Revert' })).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Override content' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Reset to template' }),
    ).not.toBeInTheDocument();
  });
});
