/**
 * Redaction written once for every OpsHub package (the backends and the
 * schema-compare CLI): what may be shown of a URL, and how secrets are
 * removed from a message before it is logged or returned.
 */

const REDACTED = '***';

/** `scheme://user:password@` in any URL-ish text. */
const URL_CREDENTIALS = /([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s@]*@/gi;
/** `password=...` in a keyword/value connection string. */
const KEYWORD_PASSWORD = /(password\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s]+)/gi;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A URL as it may be shown and logged: scheme, host, port and path only.
 * User, password, query string and fragment are dropped, since any of them
 * may carry a credential. Unparseable input gives `'(invalid URL)'`, never
 * the input itself.
 *
 * @public
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    // without a host (`user:secret@x` parses as scheme `user:`), the path
    // is whatever followed the colon: nothing is safe to show
    if (!parsed.host) {
      return '(invalid URL)';
    }
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

/**
 * The strings that must never leave the backend for one URL or connection
 * string: the string itself, its user info, query string, and its password
 * raw, URL-decoded and URL-encoded (or the `password=` of a keyword/value
 * string). Longest first, so {@link redact} replaces whole secrets.
 *
 * @public
 */
export function secretsOf(connection: string): string[] {
  const secrets = new Set<string>([connection]);
  try {
    const parsed = new URL(connection);
    if (parsed.password) {
      secrets.add(parsed.password);
      try {
        secrets.add(decodeURIComponent(parsed.password));
      } catch {
        // a malformed escape: the raw form is already covered
      }
      secrets.add(encodeURIComponent(parsed.password));
    }
    if (parsed.search.length > 1) {
      secrets.add(parsed.search.slice(1));
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
 * Removes the given secrets, and anything that looks like a credential
 * (`scheme://user:password@`, `password=...`), from a message that may be
 * logged or returned to a client; each becomes `***`.
 *
 * @public
 */
export function redact(message: string, secrets: readonly string[]): string {
  let text = message;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret) {
      text = text.replace(new RegExp(escapeRegExp(secret), 'g'), REDACTED);
    }
  }
  return text
    .replace(URL_CREDENTIALS, `$1${REDACTED}@`)
    .replace(KEYWORD_PASSWORD, `$1${REDACTED}`);
}
