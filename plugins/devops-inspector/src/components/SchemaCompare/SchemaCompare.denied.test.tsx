import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import { devopsInspectorApiRef } from '../../api';
import { mockApi } from '../../testing/fixtures';
import { SchemaCompare } from './SchemaCompare';

// its own file: usePermission caches answers for the whole test file

describe('SchemaCompare without devops-inspector.snapshot.create', () => {
  it('disables Take snapshot and says why', async () => {
    const authorize = jest.fn(() => AuthorizeResult.DENY);
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [devopsInspectorApiRef, mockApi({})],
          [permissionApiRef, mockApis.permission({ authorize })],
        ]}
      >
        <SchemaCompare
          environments={['local', 'uat', 'dev']}
          initialSource="uat"
          pollMs={60_000}
        />
      </TestApiProvider>,
    );
    await waitFor(() => expect(authorize).toHaveBeenCalled());
    const button = screen.getByRole('button', { name: 'Take snapshot' });
    await waitFor(() => expect(button).toBeDisabled());
    expect(
      screen.getByTitle(
        'You may not take snapshots of uat (devops-inspector.snapshot.create)',
      ),
    ).toBeInTheDocument();
  });
});
