import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMap, isNode, isScalar, parseDocument, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';
import { InputError } from '../cli/input-error';

/**
 * How netpol reads every YAML (and JSON) file: YAML 1.2 plus merge keys (`<<: *anchor`), which
 * kubectl's YAML reader (go-yaml) accepts too; duplicate keys are an error; error messages carry
 * the line and column.
 */
export const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = { merge: true, prettyErrors: true, uniqueKeys: true };

/**
 * Reads a text file.
 *
 * @param file the path as the user gave it (used in messages)
 * @param cwd the directory a relative path is resolved against
 * @throws InputError `<file>: cannot read: <reason>`
 */
export function readTextFile(file: string, cwd: string): string {
  try {
    return fs.readFileSync(path.resolve(cwd, file), 'utf8');
  } catch (error) {
    throw new InputError(`${file}: cannot read: ${(error as Error).message}`);
  }
}

/**
 * Reads a file holding one YAML or JSON document (a topology or probe file).
 *
 * @param file the path as the user gave it (used in messages)
 * @param cwd the directory a relative path is resolved against
 * @param fields the top-level fields of the file's schema. Any other top-level field whose value
 *   carries an anchor (`pod-defaults: &pod {...}`) only holds a template for merge keys and is
 *   left out of the result, so the schema check does not reject it. Without `fields`, nothing
 *   is left out.
 * @returns the parsed value; `null` for an empty file
 * @throws InputError naming the file when it cannot be read or is not valid YAML
 */
export function readYamlFile(file: string, cwd: string, fields?: readonly string[]): unknown {
  const text = readTextFile(file, cwd);
  let value: unknown;
  try {
    const document = parseDocument(text, YAML_OPTIONS);
    if (document.errors.length > 0) throw document.errors[0];
    value = document.toJS({ maxAliasCount: 100 });
    if (fields !== undefined && isMap(document.contents)) {
      for (const pair of document.contents.items) {
        // Removed from the result, not the document: aliases elsewhere still resolve to it.
        if (isScalar(pair.key) && !fields.includes(String(pair.key.value)) && isNode(pair.value) && pair.value.anchor) {
          delete (value as Record<string, unknown>)[String(pair.key.value)];
        }
      }
    }
  } catch (error) {
    throw new InputError(`${file}: invalid YAML: ${(error as Error).message}`);
  }
  return value;
}
