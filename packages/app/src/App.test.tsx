import { fireEvent, render, screen, waitFor } from '@testing-library/react';

function base64url(value: object) {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** A guest session as the auth backend's guest provider answers it. */
function guestSession() {
  const exp = Math.floor(Date.now() / 1000) + 3600;
  const claims = {
    sub: 'user:development/guest',
    ent: ['user:development/guest'],
    exp,
  };
  return {
    profile: { displayName: 'Guest' },
    backstageIdentity: {
      token: `${base64url({ alg: 'none' })}.${base64url(claims)}.sig`,
      expiresInSeconds: 3600,
      identity: {
        type: 'user',
        userEntityRef: 'user:development/guest',
        ownershipEntityRefs: ['user:development/guest'],
      },
    },
  };
}

describe('App', () => {
  jest.setTimeout(120_000);

  const fetchMock = jest.fn();

  beforeEach(() => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test', baseUrl: 'http://localhost:3000' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };
    fetchMock.mockImplementation(async (input: RequestInfo | URL) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.includes('/api/auth/guest/refresh')) {
        return Response.json(guestSession());
      }
      return Response.json({ items: [], totalItems: 0, pageInfo: {} });
    });
    global.fetch = fetchMock as typeof fetch;
  });

  // importing ./App transpiles every plugin's module graph on first use:
  // over 30 s on a loaded 2-core CI machine, hence the describe's 120 s
  it('offers guest sign-in in development and then shows the OpsHub sidebar', async () => {
    const { default: App } = await import('./App');
    render(<App />);

    const enter = await screen.findByRole(
      'button',
      { name: /enter/i },
      { timeout: 10_000 },
    );
    expect(screen.getByText('Guest')).toBeInTheDocument();
    fireEvent.click(enter);

    await waitFor(
      () => {
        expect(
          screen.getByRole('link', { name: /releases/i }),
        ).toBeInTheDocument();
      },
      { timeout: 10_000 },
    );
    expect(screen.getByRole('link', { name: /^health/i })).toBeInTheDocument();
  });
});
