/**
 * Escapes text for a Markdown table cell: a backslash or pipe would change the cell, a newline
 * would end the row. Used by every command's `--format markdown`.
 *
 * @param text the cell text
 */
export function markdownCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
