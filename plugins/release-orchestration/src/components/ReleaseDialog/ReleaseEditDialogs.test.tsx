import { alertApiRef } from '@backstage/core-plugin-api';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ENTITY_REF_MESSAGE } from '@opshub/opshub-common';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReleaseOrchestrationApi, releaseOrchestrationApiRef } from '../../api';
import { release, responseError } from '../../testing/data';
import { ReleaseEditDialog, ReleaseEditDialogs } from '.';

async function render(
  api: Partial<ReleaseOrchestrationApi>,
  open: ReleaseEditDialog,
  status: 'draft' | 'active' = 'active',
) {
  const alerts = { post: jest.fn(), alert$: jest.fn() };
  const handlers = {
    onClose: jest.fn(),
    onChanged: jest.fn(),
    onDeleted: jest.fn(),
  };
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [releaseOrchestrationApiRef, api],
        [alertApiRef, alerts],
      ]}
    >
      <ReleaseEditDialogs
        release={release({ status })}
        open={open}
        {...handlers}
      />
    </TestApiProvider>,
  );
  return { alerts, ...handlers };
}

describe('ReleaseEditDialogs', () => {
  it('edits a release with its version and refuses a bare entity name as the server does', async () => {
    const updateRelease = jest.fn().mockResolvedValue(release());
    const { onClose, onChanged } = await render({ updateRelease }, 'edit');
    expect(screen.getByLabelText(/^Name/)).toHaveValue('2026.11');
    expect(screen.getByLabelText('Version number')).toHaveValue('2026.11.0');

    const ref = screen.getByLabelText('Ships (catalog entity)');
    await userEvent.clear(ref);
    await userEvent.type(ref, 'payments-api');
    expect(screen.getByText(ENTITY_REF_MESSAGE)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();

    await userEvent.clear(ref);
    await userEvent.type(ref, 'system:default/payments');
    await userEvent.clear(screen.getByLabelText(/^Name/));
    await userEvent.type(screen.getByLabelText(/^Name/), '2026.11b');
    await userEvent.clear(screen.getByLabelText('Release date'));
    fireEvent.change(screen.getByLabelText('Metadata (JSON object)'), {
      target: { value: '{"jira": "REL-42"}' },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() =>
      expect(updateRelease).toHaveBeenCalledWith(7, {
        version: 3,
        name: '2026.11b',
        type: 'release',
        versionNumber: '2026.11.0',
        releaseDate: null,
        description: 'November release',
        catalogEntityRef: 'system:default/payments',
        metadata: { jira: 'REL-42' },
      }),
    );
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(onClose).toHaveBeenCalled();
  }, 60_000);

  it('shows the reason of a 409, closes and refetches', async () => {
    const updateRelease = jest
      .fn()
      .mockRejectedValue(
        await responseError(
          409,
          'ConflictError',
          'Release 7 was changed by someone else',
        ),
      );
    const { alerts, onClose, onChanged } = await render(
      { updateRelease },
      'edit',
    );
    await userEvent.type(screen.getByLabelText(/^Name/), '!');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(alerts.post).toHaveBeenCalledWith(
        expect.objectContaining({
          message: 'Release 7 was changed by someone else',
          severity: 'warning',
        }),
      ),
    );
    expect(onClose).toHaveBeenCalled();
    expect(onChanged).toHaveBeenCalled();
  }, 60_000);

  it('deletes a draft after the confirmation', async () => {
    const deleteRelease = jest.fn().mockResolvedValue(undefined);
    const { onDeleted } = await render({ deleteRelease }, 'delete', 'draft');
    expect(screen.getByText('Delete draft 2026.11?')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Delete draft' }));
    await waitFor(() => expect(onDeleted).toHaveBeenCalled());
    expect(deleteRelease).toHaveBeenCalledWith(7, 3);
  });

  it('says when the user may not delete, and keeps the release', async () => {
    const deleteRelease = jest
      .fn()
      .mockRejectedValue(
        await responseError(
          403,
          'NotAllowedError',
          'Permission denied: release-orchestration.release.update',
        ),
      );
    const { alerts, onDeleted } = await render(
      { deleteRelease },
      'delete',
      'draft',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Delete draft' }));
    await waitFor(() =>
      expect(alerts.post).toHaveBeenCalledWith({
        message:
          'You are not allowed to do this. Permission denied: release-orchestration.release.update',
        severity: 'error',
      }),
    );
    expect(onDeleted).not.toHaveBeenCalled();
  });
});
