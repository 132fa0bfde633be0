import {
  configApiRef,
  discoveryApiRef,
  fetchApiRef,
  githubAuthApiRef,
} from '@backstage/core-plugin-api';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { OpshubSignInPage } from './OpshubSignInPage';

function renderWith(auth: { environment?: string }) {
  const github = {
    getBackstageIdentity: jest.fn(async () => undefined),
    getProfile: jest.fn(async () => undefined),
    signIn: jest.fn(),
    signOut: jest.fn(),
    sessionState$: jest.fn(),
    getAccessToken: jest.fn(),
  };
  const fetchApi = {
    // no guest session: the guest card waits for a click
    fetch: jest.fn(async () => new Response('{}', { status: 401 })),
  };
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [
          configApiRef,
          mockApis.config({ data: { app: { title: 'OpsHub' }, auth } }),
        ],
        [githubAuthApiRef, github],
        [fetchApiRef, fetchApi],
        [
          discoveryApiRef,
          { getBaseUrl: async (id: string) => `http://localhost/api/${id}` },
        ],
      ]}
    >
      <OpshubSignInPage onSignInSuccess={jest.fn()} />
    </TestApiProvider>,
  );
}

describe('OpshubSignInPage', () => {
  it('offers GitHub, not guest, when auth.environment is production', async () => {
    await renderWith({ environment: 'production' });
    expect(await screen.findByText('GitHub')).toBeInTheDocument();
    expect(
      screen.getByText('Sign in with your GitHub account'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Guest')).not.toBeInTheDocument();
  });

  it('offers guest, not GitHub, in development', async () => {
    await renderWith({});
    expect(await screen.findByText('Guest')).toBeInTheDocument();
    expect(screen.queryByText('GitHub')).not.toBeInTheDocument();
  });
});
