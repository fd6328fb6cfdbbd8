import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../cli/input-error';
import { fluxSyntaxStandIn } from '../model/flux-substitution';
import { dns1123LabelProblem, dns1123SubdomainProblem, labelKeyProblem, labelValueProblem } from '../model/kubernetes-syntax';
import { readPolicySet } from '../probe/policy-set';
import type { KubeObject, Manifest } from './manifest';
import { readInputFile } from './read-file';
import { isPlatformContract } from '../contract/platform-contract';
import { parseYamlDocuments } from './yaml-documents';

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/**
 * Lists the manifest files under the given files and directories: directories are read
 * recursively for `*.yaml`, `*.yml` and `*.json`, in sorted order so results never depend on
 * the file system's order. A file named explicitly is read whatever its extension. A file
 * reached twice (named and inside a named directory, or through a symbolic link) is listed
 * once, and a directory is entered once, so a link loop ends. Only regular files are listed: a
 * FIFO, device or socket (named or found in a directory with a manifest extension) is refused
 * before it is opened, so nothing blocks or reads forever.
 *
 * @param inputs files or directories
 * @param cwd the directory relative inputs and exclusions are resolved against
 * @param exclude files that are never listed, e.g. the topology and probe files of
 *   `netpol probe` when they sit next to the manifests; none when omitted
 * @throws InputError naming the path when an input does not exist, a directory cannot be read,
 *   or a file is not a regular file
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
      let entries: string[];
      try {
        entries = fs.readdirSync(absolute);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new InputError(`${shown}: cannot read the directory: ${code === 'EACCES' ? 'permission denied' : (error as Error).message}.`);
      }
      // Sorted by code unit, not locale, so the order is the same on every machine.
      for (const entry of entries.sort()) {
        visit(path.join(shown, entry), path.join(absolute, entry), false);
      }
    } else if (explicit || MANIFEST_EXTENSIONS.has(path.extname(absolute).toLowerCase())) {
      if (!stat.isFile()) {
        throw new InputError(`${shown}: is ${stat.isFIFO() ? 'a FIFO (named pipe)' : stat.isSocket() ? 'a socket' : 'a device'}, not a regular file; `
          + 'netpol reads only regular files (a symbolic link to one is fine).');
      }
      seen.add(real);
      files.push(shown);
    }
  };
  for (const input of inputs) visit(input, path.resolve(cwd, input), true);
  return files;
}

/**
 * Parses the text of one manifest file: multi-document YAML or JSON (a single object, an
 * array of objects or a `kind: List`). Empty documents are skipped. Every object is checked as
 * the API server would check it (`checkObject`), and every NetworkPolicy,
 * CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy is read through the flow simulator's
 * policy reader, so every command refuses the same invalid policies `netpol probe` refuses.
 *
 * @param text the file contents
 * @param file the file name, for messages and sources
 * @throws InputError naming the file, document, object and field when the text is not valid
 *   YAML (see `parseYamlDocuments`), an object lacks `apiVersion`, `kind` or `metadata.name`,
 *   its names, namespace, labels or annotations are not what Kubernetes accepts, or a policy
 *   field is invalid
 */
export function parseManifests(text: string, file: string): Manifest[] {
  const manifests: Manifest[] = [];
  parseYamlDocuments(text, file).forEach(({ value }, index) => {
    if (value === null || value === undefined) return;
    const items = Array.isArray(value) ? value : isList(value) ? (value.items as unknown[]) : [value];
    items.forEach((item, itemIndex) => {
      if (isKustomizeFile(item) || isPlatformContract(item)) return;
      const where = items.length > 1 || Array.isArray(value) || isList(value)
        ? `document ${index + 1}, item ${itemIndex + 1}` : `document ${index + 1}`;
      manifests.push({ object: checkObject(item, file, where), source: { file, document: index } });
    });
  });
  // The simulator's reader is the one reader of policy fields: what it refuses, every command refuses.
  readPolicySet(manifests);
  return manifests;
}

/**
 * Reads Kubernetes objects held in a field of another document (the `manifests` of a platform
 * contract) with the checks `parseManifests` applies: each object as the API server would check
 * it, and every policy through the flow simulator's reader.
 *
 * @param items the objects
 * @param file the file they were read from, for messages and sources
 * @param field the field holding them, e.g. `manifests`: messages name `manifests[3]`
 * @throws InputError naming the file, the item, the object and the field
 */
export function parseManifestValues(items: readonly unknown[], file: string, field: string): Manifest[] {
  const manifests = items.map((item, index): Manifest => ({ object: checkObject(item, file, `${field}[${index}]`), source: { file, document: index } }));
  readPolicySet(manifests);
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
  return listManifestFiles(inputs, cwd, exclude).flatMap((file) => parseManifests(readInputFile(file, cwd), file));
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

/** Kinds whose `metadata.name` the API server checks as a DNS-1123 subdomain (NameIsDNSSubdomain). */
const SUBDOMAIN_NAMED = new Set(['NetworkPolicy', 'CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy']);

/**
 * Names a kustomize-built repository gives a Namespace whose real name the build sets (the
 * Kustomization's `namespace:` renames it): `_` and `.invalid` in the onedr0p cluster-template
 * layout (haraldkoch/kochhaus-home, jfroy/flatops).
 */
const KUSTOMIZE_PLACEHOLDERS = new Set(['_', '.invalid']);

const KUSTOMIZE_HINT = ' It looks like a kustomize placeholder the build renames: read the built output instead'
  + ' (`kustomize build <dir>`, `flux build kustomization <name> --path <dir>`), where the Namespace and the policies carry their real namespace.';

/** The largest total size of an object's annotations (apimachinery ValidateAnnotations: TotalAnnotationSizeLimitB). */
const ANNOTATIONS_LIMIT = 256 * 1024;

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
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata) || typeof metadata.name !== 'string' || metadata.name === '') {
    throw new InputError(`${file}: ${where}: ${String(object.kind)} has no "metadata.name".`);
  }
  const kind = object.kind as string;
  const name = metadata.name;
  const at = `${file}: ${where}: ${kind} ${JSON.stringify(name).slice(1, -1)}`;
  // ValidateObjectMeta: a Namespace's name is a DNS-1123 label (ValidateNamespaceName); policies' names are subdomains.
  // A Flux expression (`apps-to-${APP}`) is checked as its stand-in (`x`); the name stays as written.
  const nameProblem = kind === 'Namespace' && object.apiVersion === 'v1' ? dns1123LabelProblem(fluxSyntaxStandIn(name))
    : SUBDOMAIN_NAMED.has(kind) ? dns1123SubdomainProblem(fluxSyntaxStandIn(name)) : undefined;
  if (nameProblem) throw new InputError(`${at}: metadata.name: ${JSON.stringify(name)} ${nameProblem}.${kind === 'Namespace' && KUSTOMIZE_PLACEHOLDERS.has(name) ? KUSTOMIZE_HINT : ''}`);
  if (metadata.namespace !== undefined) {
    if (typeof metadata.namespace !== 'string' || metadata.namespace === '') {
      throw new InputError(`${at}: metadata.namespace: expected a namespace name, got ${JSON.stringify(metadata.namespace)}.`);
    }
    const problem = dns1123LabelProblem(fluxSyntaxStandIn(metadata.namespace));
    if (problem) throw new InputError(`${at}: metadata.namespace: ${JSON.stringify(metadata.namespace)} ${problem}.`);
  }
  let annotationBytes = 0;
  for (const field of ['labels', 'annotations'] as const) {
    const map = metadata[field];
    if (map === undefined || map === null) continue;
    if (typeof map !== 'object' || Array.isArray(map)) {
      throw new InputError(`${at}: metadata.${field}: expected a mapping of keys to string values, got ${JSON.stringify(map)}.`);
    }
    for (const [key, value] of Object.entries(map)) {
      const keyText = fieldKey(key);
      if (typeof value !== 'string') throw new InputError(`${at}: metadata.${field}.${keyText}: values are strings; quote it: "${String(value)}".`);
      // ValidateAnnotations checks keys as qualified names (lowercased); ValidateLabels keys and values.
      const keyProblem = labelKeyProblem(fluxSyntaxStandIn(field === 'annotations' ? key.toLowerCase() : key));
      if (keyProblem) throw new InputError(`${at}: metadata.${field}.${keyText}: the key ${keyProblem}.`);
      if (field === 'labels') {
        const valueProblem = labelValueProblem(fluxSyntaxStandIn(value));
        if (valueProblem) throw new InputError(`${at}: metadata.labels.${keyText}: the value ${JSON.stringify(value)} ${valueProblem}.`);
      } else {
        annotationBytes += key.length + value.length;
      }
    }
  }
  if (annotationBytes > ANNOTATIONS_LIMIT) throw new InputError(`${at}: metadata.annotations: ${annotationBytes} bytes in total; the API server accepts at most ${ANNOTATIONS_LIMIT}.`);
  return object as unknown as KubeObject;
}

/** A map key as a field path shows it: bare when plain, JSON-quoted when it holds other characters. */
function fieldKey(key: string): string {
  return /^[A-Za-z0-9_./-]+$/.test(key) ? key : JSON.stringify(key);
}
