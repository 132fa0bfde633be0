const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

/**
 * Splits a JSON path such as `status`, `$.checks[0].ok` or `items.2.name`
 * into keys and array indexes. Returns undefined for a malformed path.
 *
 * @internal
 */
export function parseJsonPath(
  path: string,
): Array<string | number> | undefined {
  let rest = path.trim();
  if (rest === '$') return [];
  if (rest.startsWith('$.')) rest = rest.slice(2);
  else if (rest.startsWith('$[')) rest = rest.slice(1);
  if (!rest) return undefined;
  const tokens: Array<string | number> = [];
  const key = '([A-Za-z0-9_\\-$]+)';
  const firstPattern = new RegExp(`^(?:${key}|\\[(\\d+)\\])`);
  const nextPattern = new RegExp(`^(?:\\.${key}|\\[(\\d+)\\])`);
  while (rest.length > 0) {
    const match = rest.match(tokens.length === 0 ? firstPattern : nextPattern);
    if (!match) return undefined;
    if (match[1] !== undefined) {
      if (FORBIDDEN.has(match[1])) return undefined;
      tokens.push(/^\d+$/.test(match[1]) ? Number(match[1]) : match[1]);
    } else {
      tokens.push(Number(match[2]));
    }
    rest = rest.slice(match[0].length);
  }
  return tokens;
}

/**
 * The value at a parsed path of a parsed JSON document: own properties and
 * array elements only, no evaluation. `found` is false when any step is
 * missing.
 *
 * @internal
 */
export function lookupJsonPath(
  document: unknown,
  tokens: ReadonlyArray<string | number>,
): { found: boolean; value?: unknown } {
  let current: unknown = document;
  for (const token of tokens) {
    if (Array.isArray(current) && typeof token === 'number') {
      if (token >= current.length) return { found: false };
      current = current[token];
    } else if (
      current !== null &&
      typeof current === 'object' &&
      !Array.isArray(current) &&
      Object.prototype.hasOwnProperty.call(current, String(token))
    ) {
      current = (current as Record<string, unknown>)[String(token)];
    } else {
      return { found: false };
    }
  }
  return { found: true, value: current };
}
