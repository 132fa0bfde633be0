import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ALERTS_SIGNAL_CHANNEL } from '@opshub/plugin-infra-health-common';
import { InfraHealthApi, infraHealthApiRef } from '../../api';
import {
  alertPage,
  healthAlert,
  permissions,
  responseError,
  signals,
} from '../../__testUtils__/alerts';
import { AlertFeed } from './AlertFeed';

const alerts = [
  healthAlert({ id: 1 }),
  healthAlert({ id: 2, alertname: 'HighLatencyP95', service: 'checkout-web' }),
  healthAlert({ id: 3, alertname: 'DiskFull', state: 'resolved' }),
];

async function render(api: Partial<InfraHealthApi>, props = {}) {
  const signal = signals();
  await renderInTestApp(
    <TestApiProvider apis={[[infraHealthApiRef, api], permissions(), signal]}>
      <AlertFeed bulk {...props} />
    </TestApiProvider>,
  );
  return signal;
}

describe('AlertFeed', () => {
  it('filters by state and severity, and refetches on the alerts signal', async () => {
    const listAlerts = jest.fn().mockResolvedValue(alertPage(alerts));
    const signal = await render({ listAlerts });
    expect(await screen.findByText('Alerts (3)')).toBeInTheDocument();
    expect(listAlerts).toHaveBeenLastCalledWith({
      state: undefined,
      service: undefined,
      severity: undefined,
      limit: 20,
      offset: 0,
    });

    fireEvent.mouseDown(screen.getByText('All states'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'firing' }),
    );
    await waitFor(() =>
      expect(listAlerts).toHaveBeenLastCalledWith(
        expect.objectContaining({ state: 'firing' }),
      ),
    );
    fireEvent.mouseDown(screen.getByText('All severities'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'warning' }),
    );
    await waitFor(() =>
      expect(listAlerts).toHaveBeenLastCalledWith(
        expect.objectContaining({ state: 'firing', severity: 'warning' }),
      ),
    );

    const calls = listAlerts.mock.calls.length;
    act(() => signal.emit(ALERTS_SIGNAL_CHANNEL, { type: 'alert.changed' }));
    await waitFor(() => expect(listAlerts.mock.calls.length).toBe(calls + 1));
  });

  it('acknowledges the selected firing alerts in bulk and reports partial failures', async () => {
    const listAlerts = jest.fn().mockResolvedValue(alertPage(alerts));
    const acknowledgeAlert = jest
      .fn()
      .mockResolvedValueOnce(healthAlert({ id: 1, state: 'acknowledged' }))
      .mockRejectedValueOnce(
        await responseError(
          409,
          'Alert 2 is acknowledged; only firing alerts can be acknowledged',
        ),
      );
    await render({ listAlerts, acknowledgeAlert });
    await screen.findByText('Alerts (3)');
    const bulk = screen.getByRole('button', { name: /Acknowledge selected/ });
    expect(bulk).toBeDisabled();

    const checkboxes = screen.getAllByRole('checkbox');
    // the header's select-all, then one per row
    await userEvent.click(checkboxes[0]);
    await waitFor(() =>
      expect(bulk).toHaveTextContent('Acknowledge selected (2)'),
    );
    await waitFor(() => expect(bulk).toBeEnabled());
    await userEvent.click(bulk);
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('Acknowledge 2 alerts');
    await userEvent.type(
      within(dialog).getByLabelText('Comment'),
      'incident 42',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Acknowledge' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      '1 of 2 acknowledged. HighLatencyP95 on checkout-web: Alert 2 is acknowledged; only firing alerts can be acknowledged',
    );
    expect(acknowledgeAlert.mock.calls).toEqual([
      [1, { comment: 'incident 42', until: undefined }],
      [2, { comment: 'incident 42', until: undefined }],
    ]);
  });

  it('shows the empty state and errors', async () => {
    await render({ listAlerts: jest.fn().mockResolvedValue(alertPage([])) });
    expect(await screen.findByText('No alerts')).toBeInTheDocument();
  });
});
