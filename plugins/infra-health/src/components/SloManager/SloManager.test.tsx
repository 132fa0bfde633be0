import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { InfraHealthApi, infraHealthApiRef } from '../../api';
import { paymentsSlos } from '../../testing/slos';
import { SloManager } from './SloManager';

function render(api: Partial<InfraHealthApi>) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [infraHealthApiRef, api],
        [
          permissionApiRef,
          mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
        ],
      ]}
    >
      <SloManager service="payments-api" />
    </TestApiProvider>,
  );
}

describe('SloManager', () => {
  it('marks config SLOs read-only and edits API SLOs', async () => {
    const listSlos = jest.fn().mockResolvedValue({ items: paymentsSlos });
    const updateSlo = jest.fn().mockResolvedValue(paymentsSlos[2]);
    await render({ listSlos, updateSlo });

    expect(await screen.findByText('config (read-only)')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Edit payments availability' }),
    ).toBeDisabled();
    expect(
      screen.getByRole('button', { name: 'Delete payments availability' }),
    ).toBeDisabled();

    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Edit payments checks' }),
      ).toBeEnabled(),
    );
    fireEvent.click(
      screen.getByRole('button', { name: 'Edit payments checks' }),
    );
    const objective = await screen.findByLabelText(/Objective/);
    fireEvent.change(objective, { target: { value: '99.95' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() =>
      expect(updateSlo).toHaveBeenCalledWith(3, {
        name: 'payments checks',
        service: 'payments-api',
        objective: 99.95,
        window: '7d',
        source: 'checks',
      }),
    );
    await waitFor(() => expect(listSlos).toHaveBeenCalledTimes(2));
  });

  it('creates a Prometheus SLO with its selectors', async () => {
    const createSlo = jest.fn().mockResolvedValue(paymentsSlos[1]);
    await render({
      listSlos: jest.fn().mockResolvedValue({ items: [] }),
      createSlo,
    });
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'New SLO' })).toBeEnabled(),
    );
    fireEvent.click(screen.getByRole('button', { name: 'New SLO' }));
    fireEvent.change(await screen.findByLabelText(/Name/), {
      target: { value: 'payments requests' },
    });
    fireEvent.change(screen.getByLabelText('Source'), {
      target: { value: 'prometheus' },
    });
    fireEvent.change(screen.getByLabelText(/Good events/), {
      target: { value: 'http_requests_total{code!~"5.."}' },
    });
    fireEvent.change(screen.getByLabelText(/All events/), {
      target: { value: 'http_requests_total' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(createSlo).toHaveBeenCalledWith({
        name: 'payments requests',
        service: 'payments-api',
        objective: 99.9,
        window: '30d',
        source: 'prometheus',
        good: 'http_requests_total{code!~"5.."}',
        total: 'http_requests_total',
      }),
    );
  });
});
