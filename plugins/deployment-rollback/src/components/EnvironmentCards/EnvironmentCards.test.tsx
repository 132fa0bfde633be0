import { ResponseError } from '@backstage/errors';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  deployment,
  entity,
  mockApi,
  permissions,
  version,
} from '../../__testUtils__/fixtures';
import { deploymentRollbackApiRef } from '../../api';
import { DeploymentRefreshProvider } from '../../hooks/useDeploymentRefresh';
import { EnvironmentCards } from './EnvironmentCards';

jest.setTimeout(60_000);

const permissionApi = permissions();

const typeInto = (element: HTMLElement, value: string) =>
  fireEvent.change(element, { target: { value } });

function render(api: ReturnType<typeof mockApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[deploymentRollbackApiRef, api], permissionApi]}>
      <EntityProvider entity={entity}>
        <DeploymentRefreshProvider>
          <EnvironmentCards
            service="payments-api"
            entityRef="component:default/payments-api"
          />
        </DeploymentRefreshProvider>
      </EntityProvider>
    </TestApiProvider>,
  );
}

const uat = version({ environment: 'uat', version: '2.5.0', deploymentId: 5 });
const target = deployment({
  id: 2,
  environment: 'uat',
  version: '2.4.0',
  commitSha: '9f1c2abffff',
});
const current = deployment({ id: 5, environment: 'uat', version: '2.5.0' });

async function conflict(message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'ConflictError', message },
        response: { statusCode: 409 },
      }),
      { status: 409, headers: { 'Content-Type': 'application/json' } },
    ) as any,
  );
}

/** The tooltip of a disabled button: its wrapper's title until hovered. */
async function disabledReason(card: HTMLElement, label: string) {
  const wrapper = await within(card).findByTestId(`${label}-disabled`);
  await userEvent.hover(wrapper);
  return (await screen.findByRole('tooltip')).textContent;
}

describe('EnvironmentCards rollback', () => {
  it('confirms a rollback naming the target version, requires a reason, and sends it', async () => {
    const api = mockApi({
      getCurrentVersions: jest.fn().mockResolvedValue({ items: [uat] }),
      getRollbackTarget: jest
        .fn()
        .mockResolvedValue({ target, current, blocked: null }),
      rollback: jest
        .fn()
        .mockResolvedValue(
          deployment({ id: 6, source: 'rollback', rollbackOf: 2 }),
        ),
    });
    await render(api);
    const button = await screen.findByRole('button', { name: 'Rollback' });
    await waitFor(() => expect(button).toBeEnabled());
    await userEvent.click(button);
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText('Roll back payments-api in uat to 2.4.0'),
    ).toBeInTheDocument();
    const confirm = within(dialog).getByRole('button', {
      name: 'Roll back to 2.4.0',
    });
    expect(confirm).toBeDisabled();
    typeInto(within(dialog).getByLabelText('Reason'), '   ');
    expect(confirm).toBeDisabled();
    typeInto(within(dialog).getByLabelText('Reason'), 'refunds fail on 2.5.0');
    expect(confirm).toBeEnabled();
    await userEvent.click(confirm);
    await waitFor(() =>
      expect(api.rollback).toHaveBeenCalledWith('payments-api', 'uat', {
        reason: 'refunds fail on 2.5.0',
        targetDeploymentId: 2,
      }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    // the success refetched the card
    expect(api.getRollbackTarget.mock.calls.length).toBeGreaterThan(1);
  });

  it('shows a 409 as the server words it and keeps the dialog open', async () => {
    const message =
      'A deployment of payments-api to uat is already in progress (#7)';
    const api = mockApi({
      getCurrentVersions: jest.fn().mockResolvedValue({ items: [uat] }),
      getRollbackTarget: jest
        .fn()
        .mockResolvedValue({ target, current, blocked: null }),
      rollback: jest.fn().mockRejectedValue(await conflict(message)),
    });
    await render(api);
    const button = await screen.findByRole('button', { name: 'Rollback' });
    await waitFor(() => expect(button).toBeEnabled());
    await userEvent.click(button);
    const dialog = await screen.findByRole('dialog');
    typeInto(within(dialog).getByLabelText('Reason'), 'broken');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Roll back to 2.4.0' }),
    );
    await waitFor(() => expect(api.rollback).toHaveBeenCalled());
    expect(await within(dialog).findByText(message)).toBeInTheDocument();
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  it.each([
    [
      'in flight',
      {
        target,
        current,
        blocked: {
          reason: 'in_flight',
          message: 'A deployment of payments-api to uat is in progress',
        },
      },
      'A deployment of payments-api to uat is in progress',
    ],
    [
      'auto-synced',
      {
        target,
        current,
        blocked: {
          reason: 'auto_sync',
          message: 'uat is auto-synced by Argo CD: a sync would undo it',
        },
      },
      'uat is auto-synced by Argo CD: a sync would undo it',
    ],
    [
      'no target',
      { target: null, current, blocked: null },
      'There is no earlier successful deployment to roll back to.',
    ],
  ])('disables Rollback with a tooltip when %s', async (_name, info, text) => {
    const api = mockApi({
      getCurrentVersions: jest.fn().mockResolvedValue({ items: [uat] }),
      getRollbackTarget: jest.fn().mockResolvedValue(info),
    });
    await render(api);
    const card = await screen.findByTestId('environment-card-uat');
    await waitFor(() =>
      expect(
        within(card).getByRole('button', { name: 'Rollback' }),
      ).toBeDisabled(),
    );
    await waitFor(async () =>
      expect(await disabledReason(card, 'rollback')).toBe(text),
    );
  });

  it('disables Deploy when the environment has no executor', async () => {
    const api = mockApi({
      getCurrentVersions: jest
        .fn()
        .mockResolvedValue({ items: [{ ...uat, executor: null }] }),
      getRollbackTarget: jest
        .fn()
        .mockResolvedValue({ target, current, blocked: null }),
    });
    await render(api);
    const card = await screen.findByTestId('environment-card-uat');
    expect(await disabledReason(card, 'deploy')).toBe(
      'No executor is configured for uat.',
    );
  });

  it('asks the permission about the owning entity', async () => {
    const api = mockApi({
      getCurrentVersions: jest.fn().mockResolvedValue({ items: [uat] }),
    });
    await render(api);
    await screen.findByTestId('environment-card-uat');
    await waitFor(() =>
      expect(permissionApi.asked).toEqual(
        expect.arrayContaining([
          'deployment-rollback.deployment.rollback@component:default/payments-api',
          'deployment-rollback.deployment.trigger@component:default/payments-api',
        ]),
      ),
    );
  });
});
