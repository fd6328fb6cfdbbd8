import { isMap, isNode, isScalar } from 'yaml';
import { InputError } from '../cli/input-error';
import { readInputFile } from './read-file';
import { parseYamlDocuments } from './yaml-documents';

export { YAML_OPTIONS } from './yaml-documents';

/**
 * Reads a text file the way netpol reads every input (see `readInputFile`: regular files only,
 * size-limited, strict UTF-8).
 *
 * @param file the path as the user gave it (used in messages)
 * @param cwd the directory a relative path is resolved against
 * @throws InputError naming the file
 */
export function readTextFile(file: string, cwd: string): string {
  return readInputFile(file, cwd);
}

/**
 * Reads a file holding one YAML or JSON document (a topology or probe file), through
 * `parseYamlDocuments` (duplicate keys and YAML 1.1/1.2 ambiguities are refused).
 *
 * @param file the path as the user gave it (used in messages)
 * @param cwd the directory a relative path is resolved against
 * @param fields the top-level fields of the file's schema. Any other top-level field whose value
 *   carries an anchor (`pod-defaults: &pod {...}`) only holds a template for merge keys and is
 *   left out of the result, so the schema check does not reject it. Without `fields`, nothing
 *   is left out.
 * @returns the parsed value; `null` for an empty file
 * @throws InputError naming the file when it cannot be read, is not valid YAML or holds more than one document
 */
export function readYamlFile(file: string, cwd: string, fields?: readonly string[]): unknown {
  const documents = parseYamlDocuments(readInputFile(file, cwd), file, false).filter((d) => d.value !== null);
  if (documents.length > 1) throw new InputError(`${file}: holds ${documents.length} YAML documents; this file is one document (remove the extra \`---\`).`);
  if (documents.length === 0) return null;
  const { value, document } = documents[0];
  if (fields !== undefined && isMap(document.contents)) {
    for (const pair of document.contents.items) {
      // Removed from the result, not the document: aliases elsewhere still resolve to it.
      if (isScalar(pair.key) && !fields.includes(String(pair.key.value)) && isNode(pair.value) && pair.value.anchor) {
        delete (value as Record<string, unknown>)[String(pair.key.value)];
      }
    }
  }
  return value;
}
