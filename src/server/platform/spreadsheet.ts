/** Free text bound for a CSV file. */

/** Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, return first) gets a leading apostrophe (OWASP's advice). */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
