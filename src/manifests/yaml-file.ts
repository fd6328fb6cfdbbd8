import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';
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
 * @returns the parsed value; `null` for an empty file
 * @throws InputError naming the file when it cannot be read or is not valid YAML
 */
export function readYamlFile(file: string, cwd: string): unknown {
  const text = readTextFile(file, cwd);
  try {
    return parse(text, YAML_OPTIONS);
  } catch (error) {
    throw new InputError(`${file}: invalid YAML: ${(error as Error).message}`);
  }
}
