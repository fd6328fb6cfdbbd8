import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node, type ParseOptions, type DocumentOptions, type SchemaOptions } from 'yaml';
import { InputError } from '../cli/input-error';

/**
 * How netpol parses every YAML (and JSON) input: YAML 1.2 plus merge keys (`<<: *anchor`), which
 * kubectl's YAML reader (go-yaml) accepts too. Duplicate keys are checked by `parseYamlDocuments`
 * itself, in linear time (the `yaml` package's own check compares every key with every other).
 */
export const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = { merge: true, prettyErrors: true, uniqueKeys: false };

/** The most aliases a document may resolve (a "billion laughs" document is refused). */
const MAX_ALIAS_COUNT = 100;

/** One parsed document of a YAML stream. */
export interface YamlDocument {
  /** The document's value as plain JavaScript (mappings are objects, with own keys only). */
  readonly value: unknown;
  /** The parsed document, e.g. to see which top-level fields carry anchors. */
  readonly document: Document;
}

/**
 * Parses a YAML stream (or JSON) as netpol reads every input, and refuses what would be read
 * differently elsewhere or silently lost:
 * - a key written twice in one mapping (the second would win unseen);
 * - a key that is not a scalar (it has no JSON form);
 * - numbers with a leading zero, which YAML 1.1 and YAML 1.2 read differently: kubectl reads
 *   manifests with go-yaml v2 (sigs.k8s.io/yaml), a YAML 1.1 reader, for which `port: 010` is 8
 *   (octal); for YAML 1.2 it is 10. They are refused with the fix (drop the leading zero, or
 *   quote it), so a file means the same to netpol and to the cluster.
 *
 * @param text the file's text
 * @param label how messages name the file
 * @param numbered whether messages name the document (`document 2`), for files of many documents
 *   (manifests); false for files of one document (topology, probes)
 * @returns one entry per document (empty documents included, with value `null`)
 * @throws InputError `<label>: document <n>: ... at line <l>, column <c>: ...` on invalid YAML and the cases above
 */
export function parseYamlDocuments(text: string, label: string, numbered = true): YamlDocument[] {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { ...YAML_OPTIONS, lineCounter });
  const documents = Array.isArray(parsed) ? parsed : [parsed];
  const position = (offset: number | undefined): string => {
    if (offset === undefined) return '';
    const { line, col } = lineCounter.linePos(offset);
    return `line ${line}, column ${col}`;
  };
  return documents.map((document, index) => {
    const where = `${label}: ${numbered ? `document ${index + 1}: ` : ''}`;
    if (document.errors.length > 0) {
      const error = document.errors[0];
      throw new InputError(`${where}invalid YAML at ${position(error.pos[0])}: ${error.message.split('\n')[0]}`);
    }
    checkNode(document.contents, (node, message) => {
      throw new InputError(`${where}${node.range ? `${position(node.range[0])}: ` : ''}${message}`);
    });
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      // Only found while resolving aliases and merge keys, e.g. `<<: 5` or too many aliases.
      throw new InputError(`${where}invalid YAML: ${(error as Error).message.split('\n')[0]}`);
    }
    return { value: value ?? null, document };
  });
}

type Report = (node: Node, message: string) => never;

/** Walks the document once (iteratively: deep nesting cannot overflow the stack). */
function checkNode(root: unknown, report: Report): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const keys = new Set<string>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key;
        if (key !== null && !isScalar(key) && !isAlias(key)) report(key as Node, 'a mapping key must be a plain value (a string), not a mapping or list.');
        const merge = isScalar(key) && key.type === 'PLAIN' && key.source === '<<';
        const name = isScalar(key) ? String(key.value) : isAlias(key) ? `*${key.source}` : '';
        // Several merge keys are allowed, as go-yaml allows them.
        if (!merge) {
          if (keys.has(name)) report((key ?? node) as Node, `duplicate key "${name}": a mapping holds each key once (the later value would silently win).`);
          keys.add(name);
        }
        stack.push(key, pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    } else if (isScalar(node) && node.type === 'PLAIN' && typeof node.source === 'string') {
      const source = node.source;
      if (typeof node.value === 'number' && /^[-+]?0[0-7]+$/.test(source)) {
        report(node, `${source} is ambiguous: YAML 1.1 (kubectl) reads a leading zero as octal (${parseInt(source, 8)}), YAML 1.2 as decimal (${Number(source)}). `
          + `Write ${Number(source)} without the leading zero, or quote it ("${source}") if it is text.`);
      }
    }
  }
}
