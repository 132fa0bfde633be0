import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { InfraHealthApi, infraHealthApiRef } from '../../api';
import {
  healthAlert,
  permissions,
  responseError,
} from '../../__testUtils__/alerts';
import { AlertsTable } from './AlertsTable';

function render(api: Partial<InfraHealthApi>, alerts = [healthAlert()]) {
  const onChanged = jest.fn();
  const result = renderInTestApp(
    <TestApiProvider apis={[[infraHealthApiRef, api], permissions()]}>
      <AlertsTable title="Alerts" alerts={alerts} onChanged={onChanged} />
    </TestApiProvider>,
  );
  return { onChanged, result };
}

const button = (name: RegExp) => screen.findByRole('button', { name });

describe('AlertsTable', () => {
  it('shows state, severity, service, summary, age, acknowledgement and links', async () => {
    await render({}, [
      healthAlert(),
      healthAlert({
        id: 2,
        alertname: 'ConsumerLagHigh',
        service: 'ledger-worker',
        severity: 'warning',
        summary: 'ledger-worker is 48,000 messages behind',
        startsAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
        state: 'acknowledged',
        acknowledgement: {
          by: 'user:default/bruno.costa',
          at: new Date().toISOString(),
          comment: 'scaling',
          until: null,
          expired: false,
        },
      }),
    ]);
    expect(await screen.findByText('HighErrorRate')).toBeInTheDocument();
    expect(
      screen.getByText('payments-api answers 7% HTTP 5xx'),
    ).toBeInTheDocument();
    expect(screen.getByText('payments-api')).toBeInTheDocument();
    expect(screen.getByText('ledger-worker')).toBeInTheDocument();
    expect(screen.getByText('critical')).toBeInTheDocument();
    expect(screen.getByText('12 minutes ago')).toBeInTheDocument();
    expect(screen.getByText('bruno.costa')).toBeInTheDocument();
    expect(screen.getAllByText('Runbook')[0].closest('a')).toHaveAttribute(
      'href',
      'https://runbooks.example.com/high-error-rate',
    );
    // acknowledged: no second acknowledgement, but escalate and resolve
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Acknowledge HighErrorRate' }),
      ).toBeEnabled(),
    );
    expect(
      screen.getByRole('button', { name: 'Acknowledge ConsumerLagHigh' }),
    ).toBeDisabled();
    expect(
      screen.getByRole('button', { name: 'Resolve ConsumerLagHigh' }),
    ).toBeEnabled();
  });

  it('disables every action of a resolved alert', async () => {
    await render({}, [healthAlert({ state: 'resolved' })]);
    for (const action of ['Acknowledge', 'Escalate', 'Resolve']) {
      expect(
        await button(new RegExp(`^${action} HighErrorRate$`)),
      ).toBeDisabled();
    }
  });

  it('acknowledges with a comment and a duration: one submit, one request', async () => {
    let finish: () => void = () => {};
    const acknowledgeAlert = jest.fn(
      () =>
        new Promise<any>(resolve => {
          finish = () => resolve(healthAlert({ state: 'acknowledged' }));
        }),
    );
    const { onChanged } = await render({ acknowledgeAlert });
    const open = await button(/^Acknowledge HighErrorRate$/);
    await waitFor(() => expect(open).toBeEnabled());
    await userEvent.click(open);
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByLabelText('Comment'), 'on it');
    fireEvent.mouseDown(within(dialog).getByText('Until resolved'));
    await userEvent.click(
      await screen.findByRole('option', { name: '1 hour' }),
    );
    const submit = within(dialog).getByRole('button', { name: 'Acknowledge' });
    fireEvent.click(submit);
    fireEvent.click(submit);
    await waitFor(() => expect(submit).toBeDisabled());
    finish();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(acknowledgeAlert).toHaveBeenCalledTimes(1);
    const [id, body] = acknowledgeAlert.mock.calls[0] as unknown as [
      number,
      { comment: string; until: string },
    ];
    expect(id).toBe(1);
    expect(body.comment).toBe('on it');
    const minutes = (Date.parse(body.until) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(58);
    expect(minutes).toBeLessThanOrEqual(60);
    expect(onChanged).toHaveBeenCalled();
  });

  it('shows the server message of a refused resolve in the dialog', async () => {
    const resolveAlert = jest
      .fn()
      .mockRejectedValue(
        await responseError(
          409,
          'Alert 1 is resolved; only firing or acknowledged alerts can be resolved',
        ),
      );
    const { onChanged } = await render({ resolveAlert });
    const open = await button(/^Resolve HighErrorRate$/);
    await waitFor(() => expect(open).toBeEnabled());
    await userEvent.click(open);
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByLabelText('Comment'), 'fixed');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Resolve' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Alert 1 is resolved; only firing or acknowledged alerts can be resolved',
    );
    expect(resolveAlert).toHaveBeenCalledWith(1, { comment: 'fixed' });
    // a 409 refetches the view
    expect(onChanged).toHaveBeenCalled();
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  it('escalates, and shows a failed escalation with its recorded error', async () => {
    const escalateAlert = jest
      .fn()
      .mockResolvedValueOnce({
        id: 1,
        alertId: 1,
        target: 'slack',
        note: null,
        actor: 'user:default/guest',
        outcome: 'failed',
        error: 'Slack answered HTTP 404: no_service',
        createdAt: new Date().toISOString(),
      })
      .mockResolvedValueOnce({
        id: 2,
        alertId: 1,
        target: 'pagerduty',
        note: 'night',
        actor: 'user:default/guest',
        outcome: 'sent',
        error: null,
        createdAt: new Date().toISOString(),
      });
    await render({ escalateAlert });
    const open = await button(/^Escalate HighErrorRate$/);
    await waitFor(() => expect(open).toBeEnabled());
    await userEvent.click(open);
    const dialog = await screen.findByRole('dialog');
    fireEvent.mouseDown(within(dialog).getByText('PagerDuty'));
    await userEvent.click(await screen.findByRole('option', { name: 'Slack' }));
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Escalate' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'The escalation to Slack failed (it was recorded): Slack answered HTTP 404: no_service',
    );
    expect(escalateAlert).toHaveBeenLastCalledWith(1, {
      target: 'slack',
      note: undefined,
    });

    fireEvent.mouseDown(within(dialog).getByText('Slack'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'PagerDuty' }),
    );
    await userEvent.type(within(dialog).getByLabelText('Note'), 'night');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Escalate' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(escalateAlert).toHaveBeenLastCalledWith(1, {
      target: 'pagerduty',
      note: 'night',
    });
  });
});
