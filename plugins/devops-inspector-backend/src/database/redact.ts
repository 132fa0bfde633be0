const REDACTED = '***';

/** `scheme://user:password@` in any URL-ish text. */
const URL_CREDENTIALS = /([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s@]*@/gi;
/** `password=...` in a keyword/value connection string. */
const KEYWORD_PASSWORD = /(password\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s]+)/gi;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The strings that must never leave the backend for one connection string:
 * the string itself and its password, raw, URL-decoded and URL-encoded.
 *
 * @internal
 */
export function secretsOf(connection: string): string[] {
  const secrets = new Set<string>([connection]);
  try {
    const password = new URL(connection).password;
    if (password) {
      secrets.add(password);
      try {
        secrets.add(decodeURIComponent(password));
      } catch {
        // a malformed escape: the raw form is already covered
      }
      secrets.add(encodeURIComponent(password));
    }
  } catch {
    // not a URL: its keyword password is caught by KEYWORD_PASSWORD
  }
  for (const match of connection.matchAll(KEYWORD_PASSWORD)) {
    secrets.add(match[2].replace(/^'|'$/g, ''));
  }
  return [...secrets].filter(Boolean).sort((a, b) => b.length - a.length);
}

/**
 * Removes the given secrets and anything that looks like a credential from a
 * message that may be logged or returned to a client.
 *
 * @internal
 */
export function redact(message: string, secrets: readonly string[]): string {
  let text = message;
  for (const secret of secrets) {
    text = text.replace(new RegExp(escapeRegExp(secret), 'g'), REDACTED);
  }
  return text
    .replace(URL_CREDENTIALS, `$1${REDACTED}@`)
    .replace(KEYWORD_PASSWORD, `$1${REDACTED}`);
}
