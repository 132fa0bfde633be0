/**
 * The URL without credentials, query string or fragment, safe to show and
 * log. Unparseable input gives `'(invalid URL)'`.
 *
 * @internal
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

/**
 * Splits `user:password@` out of a URL, because fetch refuses URLs with
 * credentials; they are sent as a basic `Authorization` header instead.
 *
 * @internal
 */
export function splitCredentials(url: string): {
  url: string;
  authorization?: string;
  secrets: string[];
} {
  const parsed = new URL(url);
  if (!parsed.username && !parsed.password) {
    return { url, secrets: [] };
  }
  const encoded = [parsed.username, parsed.password];
  const username = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  parsed.username = '';
  parsed.password = '';
  return {
    url: parsed.toString(),
    authorization: `Basic ${Buffer.from(`${username}:${password}`).toString(
      'base64',
    )}`,
    secrets: [username, password, ...encoded].filter(s => s.length > 0),
  };
}
