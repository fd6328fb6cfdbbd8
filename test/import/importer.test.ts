import { describe, expect, test } from 'vitest';
import { Renderer } from '../../src/constructs/cluster-settings';
import type { ImportItem } from '../../src/import/code-model';
import { jsonCode } from '../../src/import/code-model';
import { importManifests } from '../../src/import/importer';
import { printBody } from '../../src/import/print-code';
import type { Recognizer } from '../../src/import/recognizers';
import { cnp, namespaceManifest, np } from '../probe/builders';

const web = cnp('shop', 'web', {
  endpointSelector: { matchLabels: { app: 'web' } },
  ingress: [{ fromEndpoints: [{ matchLabels: { app: 'client' } }], toPorts: [{ ports: [{ port: '8080', protocol: 'TCP' }] }] }],
});

/** A recognizer that claims `web` and writes it with another port: a wrong recognizer. */
const wrongPort: Recognizer = {
  name: 'wrong-port',
  recognize(remaining) {
    const claimed = remaining.filter((m) => m.object.metadata.name === 'web');
    if (claimed.length === 0) return [];
    const spec = JSON.parse(JSON.stringify(claimed[0].object.spec).replace('"8080"', '"9090"'));
    return [{
      statements: [{ kind: 'new', construct: 'CiliumPolicy', scope: 'cluster', id: 'web', props: { kind: 'object', entries: [['namespace', 'shop'], ['spec', jsonCode(spec)]] } }],
      file: 'namespaces/shop', covers: claimed, findings: [],
    }];
  },
};

function text(files: ReadonlyMap<string, readonly ImportItem[]>, file: string): string {
  return printBody(files.get(file) ?? [], 'cluster');
}

describe('the import pipeline', () => {
  test('puts a recognized item whose flows differ back to as-is, and proves again', async () => {
    // GIVEN a recognizer that writes the policy with the wrong port
    // WHEN the import runs with it
    const result = await importManifests([web], { recognizers: [wrongPort] });
    // THEN the proof found the difference, the item went back to as-is, and the import is equivalent
    expect(result.demoted).toEqual([expect.stringMatching(/^wrong-port: namespaces\/shop \(CiliumNetworkPolicy shop\/web\): its flows differed from the input/)]);
    expect(result.proof.changes).toEqual([]);
    expect(text(result.files, 'namespaces/shop')).toContain('// imported as-is: CiliumNetworkPolicy shop/web: no pattern of the design matches it');
    expect(text(result.files, 'namespaces/shop')).toContain("port: '8080'");
  });

  test('demotes only the recognized item the library refuses, and reports the refusal once', async () => {
    // GIVEN a recognizer that claims two policies and writes one of them without the CIDR reason the library requires
    const out = cnp('shop', 'out', {
      endpointSelector: { matchLabels: { app: 'web' } },
      egress: [{ toCIDR: ['192.0.2.0/24'], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] }],
    });
    const verbatim: Recognizer = {
      name: 'verbatim',
      recognize: (remaining) => remaining.filter((m) => m.object.kind === 'CiliumNetworkPolicy').map((m) => ({
        statements: [{ kind: 'new', construct: 'CiliumPolicy', scope: 'cluster', id: m.object.metadata.name, props: { kind: 'object', entries: [['namespace', 'shop'], ['spec', jsonCode(m.object.spec)]] } }],
        file: 'namespaces/shop', covers: [m], findings: [],
      })),
    };
    // WHEN the import runs with it
    const result = await importManifests([web, out], { recognizers: [verbatim] });
    // THEN only the refused item went back to as-is, on one short line; the other stays recognized
    expect(result.demoted).toEqual([expect.stringMatching(/^verbatim: namespaces\/shop \(CiliumNetworkPolicy shop\/out\): the library refused it \([^\n]{1,120}\)$/)]);
    expect(result.counts).toMatchObject({ recognized: 1, asIs: 1 });
    expect(result.refusals).toEqual([expect.stringContaining('[cluster/out]')]);
    expect(result.proof.changes).toEqual([]);
  });

  test('a recognizer that throws costs its idiom, never the import', async () => {
    const broken: Recognizer = { name: 'broken', recognize: () => { throw new Error('boom'); } };
    const result = await importManifests([web], { recognizers: [broken] });
    expect(result.recognizerErrors).toEqual(['recognizer broken failed (boom); what it was offered is imported as-is.']);
    expect(result.proof.changes).toEqual([]);
  });

  test('keeps a Namespace\'s labels, the design\'s with an imported: reason, and the escape hatch with its own reason', async () => {
    const shop = namespaceManifest('shop', { team: 'a', 'network-policy.homelab/profile': 'standard', 'network-policy.homelab/enforcement': 'disabled' });
    const result = await importManifests([shop, web], { recognizers: [] });
    const code = text(result.files, 'namespaces/shop');
    expect(code).toContain("labels: { team: 'a' }");
    expect(code).toMatch(/designLabels: \{\s+labels: \{ 'network-policy.homelab\/profile': 'standard' \},\s+reason: 'imported: the policies these labels select are kept as-is',/);
    expect(code).toMatch(/disableEnforcement: \{ reason: 'imported: enforcement was disabled/);
    expect(result.findings.filter((f) => f.kind === 'opt-in').map((f) => f.field)).toEqual(['metadata.labels.network-policy.homelab/enforcement', 'metadata.labels']);
    expect(result.proof.changes).toEqual([]);
  });

  test('on the NetworkPolicy renderer, a namespace the input never isolated opts out of the renderer\'s default-deny', async () => {
    const open = np('shop', 'web-in', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 8080 }] }] });
    const result = await importManifests([open], { recognizers: [] });
    expect(result.renderer).toBe(Renderer.KUBERNETES);
    expect(text(result.files, 'namespaces/shop')).toContain("noDefaultDeny: { reason: 'imported: the repository did not isolate this namespace; its own policies decide' }");
    expect(result.proof.changes).toEqual([]);
  });

  test('fails when the input holds nothing to import', async () => {
    await expect(importManifests([])).rejects.toThrow(/nothing to import/);
  });
});
