/** CSV as RFC 4180 writes it: fields separated by commas, records by CRLF, quoted where needed. */

/**
 * One field: quoted when it holds a comma, a double quote, CR or LF (a quote inside is doubled);
 * otherwise as is. undefined and null are empty fields.
 */
export function csvField(value: unknown): string {
  const text = value === undefined || value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, with its CRLF. */
export function csvRecord(values: readonly unknown[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
