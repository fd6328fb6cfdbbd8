/**
 * Escapes user strings (names, labels, paths) for the formats `netpol docs` writes, so a name can
 * never add a heading, a table row, a diagram line or close a code block. Plain names (DNS labels,
 * label values, paths) come out unchanged, so existing pages keep their bytes.
 */

/**
 * Text in a Markdown heading or paragraph: one line, with the characters Markdown gives a
 * meaning backslash-escaped.
 *
 * @param text the text
 */
export function markdownText(text: string): string {
  return oneLine(text).replace(/[\\`*_[\]<>#|!~]/g, (c) => `\\${c}`);
}

/**
 * A Markdown code span holding the text, safe in a table cell: one line, a fence longer than any
 * run of backticks inside (CommonMark 6.1), pipes escaped.
 *
 * @param text the text
 */
export function markdownCode(text: string): string {
  const line = oneLine(text).replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length));
  if (longest === 0) return `\`${line}\``;
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${line} ${fence}`;
}

/**
 * Text inside an HTML comment (`<!-- ... -->`): one line, and `-->` cannot end the comment early.
 *
 * @param text the text
 */
export function htmlCommentText(text: string): string {
  return oneLine(text).replace(/--(?=>)/g, '-&#45;');
}

/**
 * Text of a quoted Mermaid label (`id["..."]`, `-->|"..."|`): Mermaid's entity codes for the
 * characters that would end the label, the line or the enclosing code block.
 *
 * @param text the text
 */
export function mermaidText(text: string): string {
  return oneLine(text).replace(/["#<>|`]/g, (c) => (c === '"' ? '#quot;' : `#${c.charCodeAt(0)};`));
}

/**
 * A Mermaid node id for a name: `ns_` and the name with `-` as `_`; any other character than
 * `a-z`, `0-9` is written as `_x<hex>_`, so distinct names give distinct ids.
 *
 * @param name the name
 */
export function mermaidId(name: string): string {
  return `ns_${[...name].map((c) => (/[a-z0-9]/.test(c) ? c : c === '-' ? '_' : `_x${c.codePointAt(0)!.toString(16)}_`)).join('')}`;
}

function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ');
}
