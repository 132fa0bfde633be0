import { signalApiRef } from '@backstage/plugin-signals-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { releaseOrchestrationApiRef } from '../../api';
import { releaseDetail } from '../../testing/data';
import { permissions } from '../../__testUtils__/permissions';
import { FakeSignalApi } from '../../__testUtils__/signals';
import { ReleaseDashboard } from './ReleaseDashboard';

// usePermission caches its answers for the whole test file: one policy per
// file (see __testUtils__/permissions.ts).
const policy = permissions(['release-orchestration.release.update']);

describe('ReleaseDashboard without release.update', () => {
  it('offers activation of a draft but no edit or delete', async () => {
    const api = {
      getRelease: jest
        .fn()
        .mockResolvedValue(releaseDetail({ status: 'draft' })),
    };
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [releaseOrchestrationApiRef, api],
          [signalApiRef, new FakeSignalApi()],
          policy,
        ]}
      >
        <Routes>
          <Route path="/releases/:id" element={<ReleaseDashboard />} />
        </Routes>
      </TestApiProvider>,
      { routeEntries: ['/releases/7'] },
    );
    expect(
      await screen.findByRole('button', { name: 'Activate' }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(policy.asked).toContain('release-orchestration.release.update@7'),
    );
    expect(
      screen.queryByRole('button', { name: 'Edit release' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Delete draft' }),
    ).not.toBeInTheDocument();
  });
});
