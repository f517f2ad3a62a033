/**
 * CSV as Excel and R read it: UTF-8 with a byte-order mark (so Excel shows Chinese), CRLF
 * between rows, RFC 4180 quoting, and text that could start a formula neutralised.
 */

/** The UTF-8 byte-order mark Excel needs to read the file as UTF-8. */
export const BOM = '\uFEFF';

/** A cell value: text, a number, or nothing. */
export type Cell = string | number | null | undefined;

/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP's CSV injection
 * list): `=`, `+`, `-`, `@`, and tab or carriage return.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Write a number without exponent notation (1e-7 becomes 0.0000001). */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return '';
  const plain = String(n);
  if (!/e/i.test(plain)) return plain;
  return n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

/**
 * One cell. Numbers are written as numbers (a negative number stays numeric); text that
 * starts like a formula gets a leading `'`, which spreadsheets show as text and R keeps;
 * text with a comma, quote or line break is quoted, quotes doubled.
 *
 * @example csvCell('=SUM(A1)') // "'=SUM(A1)"
 * @example csvCell('say "hi", ok') // '"say ""hi"", ok"'
 */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One row, ending with CRLF. */
export function csvRow(cells: readonly Cell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
