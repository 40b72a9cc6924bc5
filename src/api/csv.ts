/**
 * CSV as Attest writes it (RFC 4180, CRLF) for files an admin opens in a spreadsheet: the evidence pack and the
 * sandbox's report files. Strings come from the tenant and are untrusted, so a cell that a spreadsheet would
 * read as a formula (`=`, `+`, `-`, `@`, tab, CR) is prefixed with `'`.
 */

export type CsvCell = string | number | boolean | null | undefined;

const FORMULA = /^[=+\-@\t\r]/;

/** One cell: formula-neutralised, quoted when it holds a comma, quote or line break. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole file: a header row and the rows, CRLF-terminated. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
