import * as fs from 'node:fs';
import * as path from 'node:path';
import { isNode, LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { Finding } from './finding';

/** Gives the 1-based line of a finding in its file, when known. */
export type LineOf = (finding: Finding) => number | undefined;

/**
 * Finds the line of each finding by re-reading its file with the `yaml` package's
 * `LineCounter` (the loader keeps only the document index): the line of the finding's field,
 * or of its nearest parent that exists (a missing `toPorts` points at its rule), or of the
 * object. Files that cannot be read give no line.
 *
 * @param findings the findings to locate
 * @param cwd the directory relative file names are resolved against
 */
export function locateFindings(findings: readonly Finding[], cwd: string): LineOf {
  const files = new Map<string, ParsedFile | undefined>();
  for (const file of new Set(findings.map((f) => f.file))) {
    try {
      files.set(file, parseFile(fs.readFileSync(path.resolve(cwd, file), 'utf8')));
    } catch {
      files.set(file, undefined);
    }
  }
  return (f) => {
    const parsed = files.get(f.file);
    const doc = parsed?.documents[f.document];
    if (!parsed || !doc) return undefined;
    const segments = fieldPath(f.field);
    for (let n = segments.length; n > 0; n--) {
      const node = doc.getIn(segments.slice(0, n), true);
      if (isNode(node) && node.range) return parsed.counter.linePos(node.range[0]).line;
    }
    return documentLine(doc, parsed.counter);
  };
}

/**
 * The 1-based line where each YAML document's content starts, indexed like the loader's
 * `source.document`.
 *
 * @param text the file contents
 */
export function documentLines(text: string): number[] {
  const { documents, counter } = parseFile(text);
  return documents.map((doc) => documentLine(doc, counter));
}

/**
 * Splits a finding's field path (`spec.egress[0].toPorts`, `metadata.labels["a.b/c"]`) into
 * the keys and indexes `Document.getIn` takes.
 *
 * @param field the JSON path
 */
export function fieldPath(field: string): (string | number)[] {
  const segments: (string | number)[] = [];
  for (const match of field.matchAll(/\["([^"]*)"\]|\[(\d+)\]|([^.[\]]+)/g)) {
    segments.push(match[1] ?? (match[2] !== undefined ? Number(match[2]) : match[3]));
  }
  return segments;
}

interface ParsedFile {
  readonly documents: Document[];
  readonly counter: LineCounter;
}

function parseFile(text: string): ParsedFile {
  const counter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter: counter });
  return { documents: Array.isArray(parsed) ? parsed : [parsed], counter };
}

function documentLine(doc: Document, counter: LineCounter): number {
  return counter.linePos(doc.contents?.range?.[0] ?? doc.range?.[0] ?? 0).line;
}
