import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  deployment,
  entity,
  mockApi,
  permissions,
  version,
} from '../../__testUtils__/fixtures';
import { deploymentRollbackApiRef } from '../../api';
import { EnvironmentCards } from './EnvironmentCards';

// usePermission caches answers per test file: this file denies rollback only
jest.setTimeout(60_000);

const permissionApi = permissions(['deployment-rollback.deployment.rollback']);

describe('EnvironmentCards without the rollback permission', () => {
  it('disables Rollback saying it is not permitted, and keeps Deploy', async () => {
    const api = mockApi({
      getCurrentVersions: jest
        .fn()
        .mockResolvedValue({ items: [version({ environment: 'prod' })] }),
      getRollbackTarget: jest.fn().mockResolvedValue({
        target: deployment({ id: 1, environment: 'prod' }),
        current: deployment({ id: 3, environment: 'prod' }),
        blocked: null,
      }),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[deploymentRollbackApiRef, api], permissionApi]}>
        <EntityProvider entity={entity}>
          <EnvironmentCards
            service="payments-api"
            entityRef="component:default/payments-api"
          />
        </EntityProvider>
      </TestApiProvider>,
    );
    const card = await screen.findByTestId('environment-card-prod');
    await waitFor(() =>
      expect(
        within(card).getByRole('button', { name: 'Deploy' }),
      ).toBeEnabled(),
    );
    const wrapper = within(card).getByTestId('rollback-disabled');
    await userEvent.hover(wrapper);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'You are not allowed to roll back payments-api (deployment-rollback.deployment.rollback).',
    );
    expect(permissionApi.asked).toContain(
      'deployment-rollback.deployment.rollback@component:default/payments-api',
    );
  });
});
