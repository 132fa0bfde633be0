/** A CSV cell; null and undefined are empty. @internal */
export type CsvValue = string | number | boolean | null | undefined;

/**
 * Quotes a cell (RFC 4180). Text starting with `=`, `+`, `-`, `@`, tab or CR
 * is prefixed with `'` so that spreadsheets do not run it as a formula.
 */
function cell(value: CsvValue): string {
  if (value === null || value === undefined) {
    return '';
  }
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** @internal */
export function toCsv(header: string[], rows: CsvValue[][]): string {
  return [header, ...rows]
    .map(r => r.map(cell).join(','))
    .join('\r\n')
    .concat('\r\n');
}
