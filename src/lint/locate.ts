import * as fs from 'node:fs';
import * as path from 'node:path';
import { LineCounter, parseAllDocuments } from 'yaml';
import type { Finding } from './finding';

/** Gives the 1-based line of a finding's object in its file, when known. */
export type LineOf = (finding: Finding) => number | undefined;

/**
 * Finds the line each finding's object starts at, by re-reading its file with the `yaml`
 * package's `LineCounter` (the loader keeps only the document index). Files that cannot be
 * read give no line.
 *
 * @param findings the findings to locate
 * @param cwd the directory relative file names are resolved against
 */
export function locateFindings(findings: readonly Finding[], cwd: string): LineOf {
  const lines = new Map<string, number[]>();
  for (const file of new Set(findings.map((f) => f.file))) {
    try {
      lines.set(file, documentLines(fs.readFileSync(path.resolve(cwd, file), 'utf8')));
    } catch {
      lines.set(file, []);
    }
  }
  return (f) => lines.get(f.file)?.[f.document];
}

/**
 * The 1-based line where each YAML document's content starts, indexed like the loader's
 * `source.document`.
 *
 * @param text the file contents
 */
export function documentLines(text: string): number[] {
  const counter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter: counter });
  const list = Array.isArray(documents) ? documents : [documents];
  return list.map((doc) => counter.linePos(doc.contents?.range[0] ?? doc.range[0]).line);
}
