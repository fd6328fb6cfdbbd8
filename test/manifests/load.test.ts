import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { InputError } from '../../src/cli/input-error';
import { describeManifest } from '../../src/manifests/manifest';
import { listManifestFiles, loadManifests, parseManifests } from '../../src/manifests/load';

describe('parseManifests', () => {
  test('reads multi-document YAML and skips empty documents', () => {
    const manifests = parseManifests('---\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n', 'ns.yaml');
    expect(manifests.map((m) => m.object.metadata.name)).toEqual(['a', 'b']);
    expect(manifests.map((m) => m.source.document)).toEqual([1, 2]);
  });

  test('reads a JSON List', () => {
    const manifests = parseManifests(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' } }] }), 'list.json');
    expect(manifests).toHaveLength(1);
    expect(describeManifest(manifests[0])).toBe('list.json Namespace x');
  });

  test('names a later document of a file counting from 1, as error messages do', () => {
    const [, second] = parseManifests('apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n', 'ns.yaml');
    expect(describeManifest(second)).toBe('ns.yaml (document 2) Namespace b');
  });

  test('skips kustomization.yaml files, which are no manifests', () => {
    expect(parseManifests('apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n', 'kustomization.yaml')).toEqual([]);
  });

  test('resolves YAML merge keys (<<: *anchor) within a document', () => {
    const [a, b] = parseManifests('apiVersion: v1\nkind: List\nitems:\n- &ns {apiVersion: v1, kind: Namespace, metadata: {name: a}}\n- {<<: *ns, metadata: {name: b}}\n', 'ns.yaml');
    expect([a.object.kind, b.object.kind, b.object.metadata.name]).toEqual(['Namespace', 'Namespace', 'b']);
  });

  test('fails when a merge key merges no mapping, naming file and document', () => {
    expect(() => parseManifests('apiVersion: v1\nkind: Namespace\n<<: 5\nmetadata: {name: a}\n', 'ns.yaml')).toThrow(/^ns\.yaml: document 1: invalid YAML: Merge sources must be maps/);
  });

  test('fails when the YAML is invalid, naming file and document', () => {
    expect(() => parseManifests('a: [1,\n', 'bad.yaml')).toThrow(/bad\.yaml: document 1: invalid YAML/);
  });

  test('fails when metadata.name is missing', () => {
    expect(() => parseManifests('apiVersion: v1\nkind: Namespace\nmetadata: {}\n', 'x.yaml')).toThrow(InputError);
    expect(() => parseManifests('apiVersion: v1\nkind: Namespace\nmetadata: {}\n', 'x.yaml')).toThrow(/x\.yaml: document 1: Namespace has no "metadata.name"/);
  });

  test.each([
    ['metadata: {name: a, namespace: 5}', 'x.yaml: document 1: Namespace a: metadata.namespace: expected a namespace name, got 5.'],
    ['metadata: {name: a, labels: [team]}', 'x.yaml: document 1: Namespace a: metadata.labels: expected a mapping of keys to string values, got ["team"].'],
    ['metadata: {name: a, labels: {team: 1}}', 'x.yaml: document 1: Namespace a: metadata.labels.team: values are strings; quote it: "1".'],
    ['metadata: {name: a, annotations: {on: true}}', 'x.yaml: document 1: Namespace a: metadata.annotations.on: values are strings; quote it: "true".'],
  ])('fails when metadata is malformed: %s', (metadata, message) => {
    expect(() => parseManifests(`apiVersion: v1\nkind: Namespace\n${metadata}\n`, 'x.yaml')).toThrow(message);
  });

  test('fails when a List item is null', () => {
    expect(() => parseManifests('apiVersion: v1\nkind: List\nitems: [null]\n', 'x.yaml')).toThrow('x.yaml: document 1, item 1: expected a Kubernetes object, got null.');
  });

  test('fails when kind is missing', () => {
    expect(() => parseManifests('apiVersion: v1\nmetadata: {name: a}\n', 'x.yaml')).toThrow(/field "kind" is missing/);
  });
});

describe('loadManifests', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-load-')); });
  afterEach(() => { fs.rmSync(dir, { recursive: true, force: true }); });

  test('reads directories recursively in sorted order, manifest extensions only', () => {
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'b.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n');
    fs.writeFileSync(path.join(dir, 'sub', 'a.yml'), 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not yaml');
    expect(listManifestFiles(['.'], dir)).toEqual(['b.yaml', path.join('sub', 'a.yml')]);
    expect(loadManifests(['.'], dir).map((m) => m.object.metadata.name)).toEqual(['b', 'a']);
  });

  test('lists a file reached twice once and ends a symbolic link loop', () => {
    // GIVEN a directory with a manifest and a link back to itself
    fs.writeFileSync(path.join(dir, 'a.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n');
    fs.symlinkSync('.', path.join(dir, 'loop'));
    // WHEN the directory and the file inside it are both named
    const files = listManifestFiles(['.', 'a.yaml'], dir);
    // THEN the file is listed once and the loop is not followed
    expect(files).toEqual(['a.yaml']);
  });

  test('fails when a path does not exist', () => {
    expect(() => loadManifests(['missing.yaml'], dir)).toThrow(/missing\.yaml: no such file or directory/);
  });
});

describe('kustomize placeholders', () => {
  test('a Namespace named as the onedr0p template does (`_`, `.invalid`) is refused with the way out', () => {
    for (const name of ['_', '.invalid']) {
      expect(() => parseManifests(`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`, 'namespace.yaml'))
        .toThrow(/^namespace\.yaml: document 1: Namespace .*: metadata\.name: .* is not a DNS-1123 label.* It looks like a kustomize placeholder the build renames: read the built output instead \(`kustomize build <dir>`/);
    }
    expect(() => parseManifests('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: Blog\n', 'namespace.yaml')).not.toThrow(/placeholder/);
  });
});
