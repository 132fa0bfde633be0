import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import { infraHealthApiRef } from '../../api';
import { paymentsSlos } from '../../testing/slos';
import { SloManager } from './SloManager';

// its own file: usePermission caches answers for the whole test file

describe('SloManager without infra-health.slo.manage', () => {
  it('disables every write', async () => {
    const authorize = jest.fn(() => AuthorizeResult.DENY);
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            infraHealthApiRef,
            { listSlos: jest.fn().mockResolvedValue({ items: paymentsSlos }) },
          ],
          [permissionApiRef, mockApis.permission({ authorize })],
        ]}
      >
        <SloManager />
      </TestApiProvider>,
    );
    expect(await screen.findByText('payments checks')).toBeInTheDocument();
    await waitFor(() => expect(authorize).toHaveBeenCalled());
    expect(screen.getByRole('button', { name: 'New SLO' })).toBeDisabled();
    expect(
      screen.getByRole('button', { name: 'Edit payments checks' }),
    ).toBeDisabled();
    expect(
      screen.getByRole('button', { name: 'Delete payments latency' }),
    ).toBeDisabled();
  });
});
