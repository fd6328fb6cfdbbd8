import * as fs from 'node:fs';
import { describe, expect, test } from 'vitest';
import { lint } from '../../src/lint/linter';
import { documentLines, fieldPath, locateFindings } from '../../src/lint/locate';
import type { Finding } from '../../src/lint/finding';
import { loadManifests } from '../../src/manifests/load';

const FIXTURES = 'test/fixtures/lint';

describe('lint', () => {
  test('finds nothing in a design that follows the rules', () => {
    expect(lint(loadManifests([`${FIXTURES}/clean`]))).toEqual([]);
  });

  test('reports every anti-pattern of the bad fixture, in canonical order', () => {
    const findings = lint(loadManifests([`${FIXTURES}/bad`]));
    expect([...new Set(findings.map((f) => f.rule))].sort()).toEqual([
      'dns-egress-missing', 'no-any-port', 'no-explicit-default-deny', 'no-hard-coded-ip', 'no-profile-on-platform',
      'policy-namespace-missing', 'rule-shadowed-by-deny', 'unknown-access-label', 'unknown-profile',
    ]);
    const keys = findings.map((f) => [f.file, f.document, f.rule, f.field]);
    const sorted = [...keys].sort((a, b) => (a[0] as string).localeCompare(b[0] as string) || (a[1] as number) - (b[1] as number)
      || (a[2] as string).localeCompare(b[2] as string) || (a[3] as string).localeCompare(b[3] as string));
    expect(keys).toEqual(sorted);
  });

  test('gives the same findings whatever the input order', () => {
    const manifests = loadManifests([`${FIXTURES}/bad`, `${FIXTURES}/clean`]);
    expect(lint([...manifests].reverse())).toEqual(lint(manifests));
  });

  test('reports platform namespaces named by --platform', () => {
    const manifests = loadManifests([`${FIXTURES}/clean`]);
    const findings = lint(manifests, { platformNamespaces: ['paperless'] });
    expect(findings.map((f) => `${f.rule} ${f.object}`)).toEqual(['no-profile-on-platform Namespace paperless']);
  });
});

describe('documentLines', () => {
  test('gives the line each document\'s content starts at, skipping separators and comments', () => {
    // An empty document (comment only) has no content: its separator line stands in.
    expect(documentLines('# c\na: 1\n---\n\nb: 2\n---\n# only a comment\n---\nc: 3\n')).toEqual([2, 5, 6, 9]);
  });
});

describe('locateFindings', () => {
  const at = (field: string, document = 3): Finding => ({ rule: 'r', severity: 'error', file: 'test/fixtures/lint/bad/cluster.yaml', document, object: 'o', field, message: 'm', fix: 'f' });
  const lineOf = locateFindings([at('spec')], process.cwd());

  test.each([
    ['the field itself', 'spec.egressDeny[0]', 3, 29],
    ['the nearest existing parent of a missing field', 'spec.egressDeny[0].toPorts', 3, 29],
    ['a label key with dots and slashes', 'metadata.labels["network-policy.homelab/profile"]', 2, 19],
    ['the object when no part of the path exists', 'nothing.here', 3, 22],
  ])('gives the line of %s', (_name, field, document, line) => {
    expect(lineOf(at(field, document))).toBe(line);
  });

  test('splits field paths into keys and indexes', () => {
    expect(fieldPath('spec.egress[0].toPorts')).toEqual(['spec', 'egress', 0, 'toPorts']);
    expect(fieldPath('metadata.labels["a.b/c"]')).toEqual(['metadata', 'labels', 'a.b/c']);
  });
});

describe('the reference clusters', () => {
  // Each alone, as CI lints them: merged, one cluster's policies would hide the other's problems
  // (dist/edge's kube-api access label passed only next to dist/homelab's access-kube-api CCNP).
  test.each(['dist/homelab', 'dist/edge'])('%s lints clean on its own', (dir) => {
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => `${dir}/${f}`);
    expect(files.length).toBeGreaterThan(5);
    expect(lint(loadManifests(files)).map((f) => `${f.rule} ${f.object}: ${f.message}`)).toEqual([]);
  });
});
