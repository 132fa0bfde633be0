/**
 * A CSV cell value; `null` and `undefined` are empty cells.
 *
 * @public
 */
export type CsvValue = string | number | boolean | null | undefined;

/**
 * One RFC 4180 cell: quoted when it holds a quote, comma or line break.
 * Text that a spreadsheet would run as a formula (starting with `=`, `+`,
 * `-`, `@`, tab or CR) is prefixed with `'`; numbers are written as they are.
 */
function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) {
    return '';
  }
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * RFC 4180 CSV (CRLF line ends, a header row) of `rows` under `header`,
 * with cells guarded against formula injection (see {@link CsvValue}).
 *
 * @public
 */
export function toCsv(
  header: readonly string[],
  rows: ReadonlyArray<readonly CsvValue[]>,
): string {
  const lines = [header, ...rows].map(row => row.map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
