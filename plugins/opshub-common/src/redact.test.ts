import { redact, redactUrl, secretsOf } from './redact';

describe('redactUrl', () => {
  it('keeps scheme, host, port and path only', () => {
    expect(
      redactUrl('https://user:pa55@api.example.com:8443/health?token=abc#x'),
    ).toBe('https://api.example.com:8443/health');
    expect(redactUrl('postgresql://u:p@db:5432/app')).toBe(
      'postgresql://db:5432/app',
    );
  });

  it('never echoes what it cannot parse', () => {
    expect(redactUrl('user:secret@nowhere')).toBe('(invalid URL)');
  });
});

describe('redact', () => {
  const connection =
    'postgresql://inspector:p%40ss%3Bword@db.internal:5432/app';

  it('removes the connection string and its password in every encoding', () => {
    const secrets = secretsOf(connection);
    expect(secrets).toEqual(
      expect.arrayContaining([connection, 'p%40ss%3Bword', 'p@ss;word']),
    );
    const message = redact(
      `could not connect to ${connection}; password p@ss;word rejected (p%40ss%3Bword)`,
      secrets,
    );
    expect(message).not.toContain('p@ss;word');
    expect(message).not.toContain('p%40ss%3Bword');
    expect(message).not.toContain(connection);
    expect(message).toContain('could not connect to ***');
  });

  it('treats the query string of a URL as secret', () => {
    expect(
      redact('GET /x?token=abc failed', secretsOf('http://h/x?token=abc')),
    ).toBe('GET /x?*** failed');
  });

  it('removes credentials of URLs and keyword strings it was not told about', () => {
    expect(
      redact(
        'see postgres://u:other-secret@h/db and password=abc123 host=x',
        [],
      ),
    ).toBe('see postgres://u:***@h/db and password=*** host=x');
  });

  it('handles keyword connection strings', () => {
    const secrets = secretsOf("host=db user=u password='s3 cret'");
    expect(redact('auth failed with s3 cret', secrets)).toBe(
      'auth failed with ***',
    );
  });
});
