import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { infraHealthApiRef } from '../../api';
import { permissions, responseError } from '../../__testUtils__/alerts';
import { AlertFeed } from './AlertFeed';

describe('AlertFeed when the backend fails', () => {
  it('shows the error panel', async () => {
    const listAlerts = jest
      .fn()
      .mockRejectedValue(await responseError(500, 'database is down'));
    await renderInTestApp(
      <TestApiProvider
        apis={[[infraHealthApiRef, { listAlerts }], permissions()]}
      >
        <AlertFeed />
      </TestApiProvider>,
    );
    expect(
      (await screen.findAllByText(/database is down/)).length,
    ).toBeGreaterThan(0);
  });
});
