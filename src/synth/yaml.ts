/**
 * A small YAML emitter for manifests (JSON data: objects, arrays, strings, numbers, booleans,
 * null). It exists because synthesis must be fast and byte-stable: it writes a fixed subset of
 * YAML (block style, two-space indents, sequences indented under their key, strings plain only
 * when unambiguous and otherwise double-quoted JSON strings, which are valid YAML), with comments
 * above chosen nodes. `test/synth/yaml.test.ts` checks that the `yaml` package reads back exactly
 * the input.
 */

import { UnquotedVariable } from '../render/rendered-object';

/** Keys written first, in this order, at the top of every object (as kubectl and cdk8s do). */
const TOP_LEVEL_ORDER = ['apiVersion', 'kind', 'metadata', 'spec'];

/** Plain scalars: start with a letter, then a conservative character set. */
const PLAIN = /^[A-Za-z][-A-Za-z0-9_./ ()=,;@+]*$/;
/** Words YAML 1.1 or 1.2 readers take for booleans or null. */
const RESERVED = /^(true|false|yes|no|on|off|y|n|null|~)$/i;

/**
 * Returns `value` with every object's keys sorted (top-level keys of a manifest in
 * `apiVersion, kind, metadata, spec` order first), so the same object always serializes to the
 * same bytes. Arrays keep their order: renderers emit them in canonical order. Undefined
 * values are dropped.
 *
 * @param value the JSON value
 * @param topLevel whether `value` is a whole manifest
 */
export function canonicalJson(value: unknown, topLevel = false): unknown {
  if (Array.isArray(value)) return value.map((item) => canonicalJson(item));
  if (value === null || typeof value !== 'object' || value instanceof UnquotedVariable) return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort();
  const ordered = topLevel ? [...TOP_LEVEL_ORDER.filter((k) => keys.includes(k)), ...keys.filter((k) => !TOP_LEVEL_ORDER.includes(k))] : keys;
  const out: Record<string, unknown> = {};
  for (const key of ordered) out[key] = canonicalJson(record[key]);
  return out;
}

/**
 * Serializes one manifest as a YAML document: canonical key order, comments above the nodes
 * named in `comments` (paths like `spec.egress.0`; `''` for the document).
 *
 * @param object the manifest
 * @param comments comments by node path
 */
export function manifestToYaml(object: unknown, comments: ReadonlyMap<string, string> = new Map()): string {
  const lines: string[] = [];
  const header = comments.get('');
  if (header !== undefined) pushComment(lines, '', header);
  const value = canonicalJson(object, true);
  if (isBlock(value)) emitBlock(value, '', '', lines, comments);
  else lines.push(scalar(value));
  return `${lines.join('\n')}\n`;
}

/**
 * Joins YAML documents into one multi-document file with exactly one trailing newline.
 *
 * @param documents serialized documents
 */
export function joinDocuments(documents: readonly string[]): string {
  return `${documents.map((d) => d.trimEnd()).join('\n---\n')}\n`;
}

function isBlock(value: unknown): value is Record<string, unknown> | unknown[] {
  if (value instanceof UnquotedVariable) return false;
  return value !== null && typeof value === 'object' && (Array.isArray(value) ? value.length > 0 : Object.keys(value).length > 0);
}

function emitBlock(value: Record<string, unknown> | unknown[], indent: string, path: string, lines: string[], comments: ReadonlyMap<string, string>): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const itemPath = join(path, String(i));
      const comment = comments.get(itemPath);
      if (comment !== undefined) pushComment(lines, indent, comment);
      if (isBlock(item)) {
        const start = lines.length;
        emitBlock(item, `${indent}  `, itemPath, lines, comments);
        // The first line of the item moves up onto the dash: "- key: value".
        const firstContent = lines.findIndex((line, k) => k >= start && !line.trimStart().startsWith('#'));
        lines[firstContent] = `${indent}- ${lines[firstContent].slice(indent.length + 2)}`;
      } else {
        lines.push(`${indent}- ${scalar(item)}`);
      }
    });
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    const childPath = join(path, key);
    const comment = comments.get(childPath);
    if (comment !== undefined) pushComment(lines, indent, comment);
    if (isBlock(child)) {
      lines.push(`${indent}${scalar(key)}:`);
      emitBlock(child, Array.isArray(child) ? `${indent}  ` : `${indent}  `, childPath, lines, comments);
    } else {
      lines.push(`${indent}${scalar(key)}: ${scalar(child)}`);
    }
  }
}

function pushComment(lines: string[], indent: string, comment: string): void {
  for (const line of comment.split('\n')) lines.push(`${indent}# ${line}`.trimEnd());
}

function join(path: string, part: string): string {
  return path === '' ? part : `${path}.${part}`;
}

function scalar(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  // A Flux variable that must substitute to a number: `${name}` is a valid plain scalar.
  if (value instanceof UnquotedVariable) return value.text;
  if (Array.isArray(value)) return '[]';
  if (typeof value === 'object') return '{}';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`Cannot write ${value} in a manifest.`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = String(value);
  const plain = PLAIN.test(text) && !RESERVED.test(text) && !text.endsWith(' ') && !text.includes(': ') && !text.includes(' #');
  return plain ? text : JSON.stringify(text);
}
