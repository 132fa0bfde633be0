/**
 * A name as a PostgreSQL quoted identifier: always quoted, embedded double
 * quotes doubled, so any name (mixed case, quotes, semicolons, unicode) is
 * one identifier. Only for names read back from the catalog or from
 * configuration; user input goes into bind parameters. Throws on NUL, which
 * no identifier can hold.
 *
 * @public
 */
export function quoteIdent(name: string): string {
  if (name.includes('\u0000')) {
    throw new Error('An identifier cannot contain a NUL character');
  }
  return `"${name.replace(/"/g, '""')}"`;
}
