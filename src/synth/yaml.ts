import { Document, isNode, type Node } from 'yaml';

/** Keys written first, in this order, at the top of every object (as kubectl and cdk8s do). */
const TOP_LEVEL_ORDER = ['apiVersion', 'kind', 'metadata', 'spec'];

/**
 * Returns `value` with every object's keys sorted (top-level keys of a manifest in
 * `apiVersion, kind, metadata, spec` order first), so the same object always serializes to the
 * same bytes. Arrays keep their order: renderers emit them in canonical order.
 *
 * @param value the JSON value
 * @param topLevel whether `value` is a whole manifest
 */
export function canonicalJson(value: unknown, topLevel = false): unknown {
  if (Array.isArray(value)) return value.map((item) => canonicalJson(item));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort();
  const ordered = topLevel ? [...TOP_LEVEL_ORDER.filter((k) => keys.includes(k)), ...keys.filter((k) => !TOP_LEVEL_ORDER.includes(k))] : keys;
  const out: Record<string, unknown> = {};
  for (const key of ordered) out[key] = canonicalJson(record[key]);
  return out;
}

/**
 * Serializes one manifest as a YAML document: canonical key order, no line folding, comments
 * above the nodes named in `comments` (paths like `spec.egress.0`; `''` for the document).
 *
 * @param object the manifest
 * @param comments comments by node path
 */
export function manifestToYaml(object: unknown, comments?: ReadonlyMap<string, string>): string {
  const doc = new Document(canonicalJson(object, true));
  for (const [path, comment] of comments ?? []) {
    if (path === '') {
      doc.commentBefore = ` ${comment.replace(/\n/g, '\n ')}`;
      continue;
    }
    const node = doc.getIn(path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)), true);
    if (isNode(node)) (node as Node).commentBefore = ` ${comment.replace(/\n/g, '\n ')}`;
  }
  return doc.toString({ lineWidth: 0, minContentWidth: 0, indentSeq: true });
}

/**
 * Joins YAML documents into one multi-document file with exactly one trailing newline.
 *
 * @param documents serialized documents
 */
export function joinDocuments(documents: readonly string[]): string {
  return `${documents.map((d) => d.trimEnd()).join('\n---\n')}\n`;
}
