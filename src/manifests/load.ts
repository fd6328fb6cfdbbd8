import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { InputError } from '../cli/input-error';
import type { KubeObject, Manifest } from './manifest';
import { readTextFile, YAML_OPTIONS } from './yaml-file';

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/**
 * Lists the manifest files under the given files and directories: directories are read
 * recursively for `*.yaml`, `*.yml` and `*.json`, in sorted order so results never depend on
 * the file system's order. A file named explicitly is read whatever its extension. A file
 * reached twice (named and inside a named directory, or through a symbolic link) is listed
 * once, and a directory is entered once, so a link loop ends.
 *
 * @param inputs files or directories
 * @param cwd the directory relative inputs and exclusions are resolved against
 * @param exclude files that are never listed, e.g. the topology and probe files of
 *   `netpol probe` when they sit next to the manifests; none when omitted
 * @throws InputError when an input does not exist or cannot be read
 */
export function listManifestFiles(inputs: readonly string[], cwd: string, exclude: readonly string[] = []): string[] {
  const files: string[] = [];
  const seen = new Set<string>(exclude.flatMap((file) => {
    try {
      return [fs.realpathSync(path.resolve(cwd, file))];
    } catch {
      return []; // A missing file cannot be listed anyway; its own reader reports it.
    }
  }));
  const visit = (shown: string, absolute: string, explicit: boolean): void => {
    let stat: fs.Stats;
    let real: string;
    try {
      stat = fs.statSync(absolute);
      real = fs.realpathSync(absolute);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new InputError(code === 'ENOENT' ? `${shown}: no such file or directory.` : `${shown}: cannot read: ${(error as Error).message}`);
    }
    if (seen.has(real)) return;
    if (stat.isDirectory()) {
      seen.add(real);
      for (const entry of fs.readdirSync(absolute).sort()) {
        visit(path.join(shown, entry), path.join(absolute, entry), false);
      }
    } else if (explicit || MANIFEST_EXTENSIONS.has(path.extname(absolute).toLowerCase())) {
      seen.add(real);
      files.push(shown);
    }
  };
  for (const input of inputs) visit(input, path.resolve(cwd, input), true);
  return files;
}

/**
 * Parses the text of one manifest file: multi-document YAML or JSON (a single object, an
 * array of objects or a `kind: List`). Empty documents are skipped.
 *
 * @param text the file contents
 * @param file the file name, for messages and sources
 * @throws InputError naming the file, document and field when the text is not valid, an
 *   object lacks `apiVersion`, `kind` or `metadata.name`, or its `metadata.namespace`,
 *   `labels` or `annotations` are not what Kubernetes accepts (a name, string values)
 */
export function parseManifests(text: string, file: string): Manifest[] {
  const manifests: Manifest[] = [];
  const documents = parseAllDocuments(text, YAML_OPTIONS);
  const list = Array.isArray(documents) ? documents : [documents];
  list.forEach((doc, index) => {
    if (doc.errors.length > 0) {
      throw new InputError(`${file}: document ${index + 1}: invalid YAML: ${doc.errors[0].message}`);
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      // Errors only found while resolving aliases and merge keys, e.g. `<<: 5` or too many aliases.
      throw new InputError(`${file}: document ${index + 1}: invalid YAML: ${(error as Error).message}`);
    }
    if (value === null || value === undefined) return;
    const items = Array.isArray(value) ? value : isList(value) ? (value.items as unknown[]) : [value];
    items.forEach((item, itemIndex) => {
      if (isKustomizeFile(item)) return;
      const where = items.length > 1 || Array.isArray(value) || isList(value)
        ? `document ${index + 1}, item ${itemIndex + 1}` : `document ${index + 1}`;
      manifests.push({ object: checkObject(item, file, where), source: { file, document: index } });
    });
  });
  return manifests;
}

/**
 * Reads every manifest under the given files and directories.
 *
 * @param inputs files or directories (see `listManifestFiles`)
 * @param cwd the directory relative inputs are resolved against
 * @param exclude files that are not manifests (see `listManifestFiles`); none when omitted
 * @throws InputError naming the file and field on unreadable or invalid input
 */
export function loadManifests(inputs: readonly string[], cwd: string = process.cwd(), exclude: readonly string[] = []): Manifest[] {
  return listManifestFiles(inputs, cwd, exclude).flatMap((file) => parseManifests(readTextFile(file, cwd), file));
}

/**
 * Kustomize's own files (`kustomization.yaml`: kind Kustomization or Component) describe how to
 * build manifests; they are not manifests and carry no `metadata.name`, so they are skipped.
 */
function isKustomizeFile(value: unknown): boolean {
  return typeof value === 'object' && value !== null
    && String((value as { apiVersion?: unknown }).apiVersion ?? '').startsWith('kustomize.config.k8s.io/');
}

function isList(value: unknown): value is { items: unknown[] } {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'List'
    && Array.isArray((value as { items?: unknown }).items);
}

function checkObject(item: unknown, file: string, where: string): KubeObject {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    throw new InputError(`${file}: ${where}: expected a Kubernetes object, got ${Array.isArray(item) ? 'a list' : item === null ? 'null' : typeof item}.`);
  }
  const object = item as Record<string, unknown>;
  for (const field of ['apiVersion', 'kind'] as const) {
    if (typeof object[field] !== 'string' || object[field] === '') {
      throw new InputError(`${file}: ${where}: field "${field}" is missing or not a string.`);
    }
  }
  const metadata = object.metadata as Record<string, unknown> | undefined;
  if (typeof metadata !== 'object' || metadata === null || typeof metadata.name !== 'string' || metadata.name === '') {
    throw new InputError(`${file}: ${where}: ${String(object.kind)} has no "metadata.name".`);
  }
  const at = `${file}: ${where}: ${String(object.kind)} ${metadata.name}`;
  if (metadata.namespace !== undefined && (typeof metadata.namespace !== 'string' || metadata.namespace === '')) {
    throw new InputError(`${at}: metadata.namespace: expected a namespace name, got ${JSON.stringify(metadata.namespace)}.`);
  }
  for (const field of ['labels', 'annotations'] as const) {
    const map = metadata[field];
    if (map === undefined || map === null) continue;
    if (typeof map !== 'object' || Array.isArray(map)) {
      throw new InputError(`${at}: metadata.${field}: expected a mapping of keys to string values, got ${JSON.stringify(map)}.`);
    }
    for (const [key, value] of Object.entries(map)) {
      if (typeof value !== 'string') throw new InputError(`${at}: metadata.${field}.${key}: values are strings; quote it: "${String(value)}".`);
    }
  }
  return object as unknown as KubeObject;
}
