import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import { infraHealthApiRef } from '../../api';
import { healthAlert, permissions } from '../../__testUtils__/alerts';
import { AlertsTable } from './AlertsTable';

describe('AlertsTable without infra-health.alert.resolve', () => {
  it('disables Resolve and keeps the other actions', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [infraHealthApiRef, {}],
          permissions(['infra-health.alert.resolve']),
        ]}
      >
        <AlertsTable
          title="Alerts"
          alerts={[healthAlert()]}
          onChanged={jest.fn()}
        />
      </TestApiProvider>,
    );
    const acknowledge = await screen.findByRole('button', {
      name: 'Acknowledge HighErrorRate',
    });
    await waitFor(() => expect(acknowledge).toBeEnabled());
    expect(
      screen.getByRole('button', { name: 'Escalate HighErrorRate' }),
    ).toBeEnabled();
    expect(
      screen.getByRole('button', { name: 'Resolve HighErrorRate' }),
    ).toBeDisabled();
  });
});
