import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  deployment,
  mockApi,
  responseError,
} from '../../__testUtils__/fixtures';
import { deploymentRollbackApiRef } from '../../api';
import { DeployDialog } from './DeployDialog';

jest.setTimeout(60_000);

function render(api: ReturnType<typeof mockApi>, onClose = jest.fn()) {
  return renderInTestApp(
    <TestApiProvider apis={[[deploymentRollbackApiRef, api]]}>
      <DeployDialog
        open
        service="payments-api"
        environment="prod"
        suggestedVersion="2.5.0"
        onClose={onClose}
      />
    </TestApiProvider>,
  );
}

describe('DeployDialog', () => {
  it('deploys the version with the reason and closes', async () => {
    const onClose = jest.fn();
    const api = mockApi({
      triggerDeployment: jest
        .fn()
        .mockResolvedValue(deployment({ id: 9, source: 'trigger' })),
    });
    await render(api, onClose);
    expect(screen.getByText('Deploy payments-api to prod')).toBeInTheDocument();
    const versionField = screen.getByLabelText('Version');
    expect(versionField).toHaveValue('2.5.0');
    fireEvent.change(versionField, { target: { value: ' 2.5.1 ' } });
    fireEvent.change(screen.getByLabelText('Reason'), {
      target: { value: 'promote the refunds fix' },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Deploy' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(api.triggerDeployment).toHaveBeenCalledWith('payments-api', 'prod', {
      version: '2.5.1',
      reason: 'promote the refunds fix',
    });
  });

  it('requires a version', async () => {
    await render(mockApi());
    fireEvent.change(screen.getByLabelText('Version'), {
      target: { value: '  ' },
    });
    expect(screen.getByRole('button', { name: 'Deploy' })).toBeDisabled();
  });

  it.each([
    [409, 'A deployment of payments-api to prod is already queued (#12)'],
    [403, 'You are not allowed to trigger deployments of payments-api'],
  ])('shows a %s as the server words it', async (status, message) => {
    const onClose = jest.fn();
    const api = mockApi({
      triggerDeployment: jest
        .fn()
        .mockRejectedValue(await responseError(status, message)),
    });
    await render(api, onClose);
    await userEvent.click(screen.getByRole('button', { name: 'Deploy' }));
    expect(await screen.findByText(message)).toBeInTheDocument();
    expect(onClose).not.toHaveBeenCalled();
  });
});
