import { redact, secretsOf } from './redact';

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
