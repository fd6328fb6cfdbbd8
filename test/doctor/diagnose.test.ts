import * as fs from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { diagnose } from '../../src/doctor/diagnose';
import { parseHubbleFlows } from '../../src/doctor/hubble-flow';
import { loadManifests } from '../../src/manifests/load';
import type { Manifest } from '../../src/manifests/manifest';
import { hubbleLine, pod, world, type LineOptions, type Side } from './builders';

const PROFILE = 'network-policy.homelab/profile';
const WIKI = pod('wiki/wiki-1', { 'app.kubernetes.io/name': 'wiki' }, { [PROFILE]: 'internal' });
const BLOG = pod('blog/blog-1', { 'app.kubernetes.io/name': 'blog' }, { [PROFILE]: 'isolated' });
const POSTGRES = pod('database/postgres-0', { 'app.kubernetes.io/name': 'postgres' });
const GATEWAY = pod('istio-gateway/internal-1', { 'gateway.networking.k8s.io/gateway-name': 'internal' });
const GRAFANA = pod('monitoring/grafana-1', { 'app.kubernetes.io/name': 'grafana' });
const COREDNS = pod('kube-system/coredns-1', { 'k8s-app': 'kube-dns' });
const PAPERLESS = pod('paperless/paperless-1', { 'app.kubernetes.io/name': 'paperless' });

let manifests: Manifest[];
beforeAll(() => { manifests = loadManifests(['test/fixtures/lint/clean', 'test/fixtures/hubble/manifests.yaml']); });

function run(lines: [Side, Side, LineOptions?][], input: Manifest[] = manifests) {
  return diagnose(parseHubbleFlows(lines.map(([a, b, o]) => hubbleLine(a, b, o)).join('\n'), 'f.json'), input);
}

describe('diagnose', () => {
  test.each<[string, Side, Side, LineOptions, string, RegExp]>([
    ['missing access label', WIKI, POSTGRES, { port: 5432 }, 'missing-access-label',
      /^add label `access\.network-policy\.homelab\/postgres: "true"` to namespace wiki \(`access: \['postgres'\]` on its AppNamespace\)$/],
    ['profile without HTTPS egress', WIKI, world('140.82.112.5'), { port: 443, names: ['api.github.com'] }, 'profile-without-https-egress',
      /^switch namespace wiki to profile standard .*now internal\)$/],
    ['profile without gateway ingress (least permissive profile first)', GATEWAY, BLOG, { port: 8080 }, 'profile-without-gateway-ingress',
      /^switch namespace blog to profile internal .*now isolated\)$/],
    ['platform namespace without a rule', WIKI, GRAFANA, { port: 3000 }, 'platform-namespace-without-rule',
      /^add `\.allowIngress\(Peer\.pods\('wiki', \{ 'app\.kubernetes\.io\/name': 'wiki' \}\), \[Port\.tcp\(3000\)\], \{ pods: \{ 'app\.kubernetes\.io\/name': 'grafana' \} \}\)` to PlatformNamespace monitoring in platform\/monitoring\.ts; and add `\.allowEgress\(Peer\.pods\('monitoring'/],
    ['app namespace without a rule', PAPERLESS, BLOG, { port: 9000 }, 'app-namespace-without-rule',
      /^add `\.allowIngress\(Peer\.pods\('paperless', \{ 'app\.kubernetes\.io\/name': 'paperless' \}\), \[Port\.tcp\(9000\)\]\)` to AppNamespace blog; and add `\.allowEgress\(Peer\.pods\('blog'/],
    ['a flow the manifests allow', WIKI, COREDNS, { port: 53, protocol: 'UDP' }, 'allowed-by-manifests', /^nothing to change in this repo/],
  ])('classifies %s', (_name, from, to, options, cause, fix) => {
    const report = run([[from, to, options]]);
    expect(report.drops).toHaveLength(1);
    expect(report.drops[0].cause).toBe(cause);
    expect(report.drops[0].fix).toMatch(fix);
    expect(report.drops[0].examples).toEqual([`${from.ref.startsWith('reserved:') ? '' : from.ref} -> ${to.ref.startsWith('reserved:') ? 'external:api.github.com' : to.ref} ${options.port}/${options.protocol ?? 'TCP'}`]);
  });

  test('classifies a DNS drop as a missing baseline when the DNS baseline is not deployed', () => {
    // GIVEN the manifests without baseline-dns (paperless's standard profile restricts egress)
    const withoutDns = manifests.filter((m) => m.object.metadata.name !== 'baseline-dns');
    // WHEN a DNS query of paperless is dropped
    const report = run([[PAPERLESS, COREDNS, { port: 53, protocol: 'UDP' }]], withoutDns);
    // THEN the fix is the baseline, not a profile or a label
    expect(report.drops.map((d) => d.cause)).toEqual(['missing-baseline']);
    expect(report.drops[0].fix).toMatch(/^deploy the DNS baseline/);
  });

  test('groups drops by fix and counts them, most flows first', () => {
    const report = run([[WIKI, POSTGRES, { port: 5432 }], [WIKI, world('140.82.112.5'), { port: 443 }], [WIKI, POSTGRES, { port: 5432 }], [pod('wiki/wiki-2', { 'app.kubernetes.io/name': 'wiki' }), POSTGRES, { port: 5432 }]]);
    expect(report.drops.map((d) => [d.cause, d.flows])).toEqual([['missing-access-label', 3], ['profile-without-https-egress', 1]]);
    expect(report.drops[0].examples).toEqual(['wiki/wiki-1 -> database/postgres-0 5432/TCP', 'wiki/wiki-2 -> database/postgres-0 5432/TCP']);
  });

  test('counts AUDIT verdicts (policy audit mode) as drops', () => {
    expect(run([[WIKI, POSTGRES, { port: 5432, verdict: 'AUDIT' }]]).totals.policyDrops).toBe(1);
  });

  test('flags forwarded flows the manifests would drop as regressions, and only those', () => {
    const report = run([[GATEWAY, BLOG, { verdict: 'FORWARDED' }], [GATEWAY, WIKI, { verdict: 'FORWARDED' }], [PAPERLESS, POSTGRES, { port: 5432, verdict: 'FORWARDED' }]]);
    expect(report.regressions.map((r) => r.flow)).toEqual(['istio-gateway/internal-1 -> blog/blog-1 8080/TCP']);
    expect(report.regressions[0].reason).toMatch(/^egress: default-deny: .*; ingress: default-deny: /);
  });

  test('skips replies, non-policy drops and flows without ports, saying why', () => {
    const report = run([[POSTGRES, PAPERLESS, { verdict: 'FORWARDED', reply: true }], [WIKI, POSTGRES, { reason: 'CT_MAP_INSERTION_FAILED' }]]);
    expect(report.skipped).toEqual([
      { reason: 'DROPPED CT_MAP_INSERTION_FAILED: not a policy verdict', flows: 1 },
      { reason: 'reply of an established connection', flows: 1 },
    ]);
    expect(report.drops).toEqual([]);
  });

  test('gives the same report whatever the order of the flows', () => {
    const lines: [Side, Side, LineOptions?][] = [[WIKI, POSTGRES, { port: 5432 }], [GATEWAY, BLOG], [WIKI, GRAFANA, { port: 3000 }], [WIKI, world('1.2.3.4'), { port: 443 }], [GATEWAY, BLOG, { verdict: 'FORWARDED' }]];
    expect(run([...lines].reverse())).toEqual(run(lines));
  });

  test('diagnoses the realistic fixture', () => {
    const report = diagnose(parseHubbleFlows(fs.readFileSync('test/fixtures/hubble/observe.json', 'utf8'), 'observe.json'), manifests);
    expect(report.totals).toEqual({ flows: 13, policyDrops: 7, forwarded: 3 });
    expect(report.drops.map((d) => `${d.flows} ${d.cause}`)).toEqual([
      '2 missing-access-label', '2 profile-without-gateway-ingress', '1 allowed-by-manifests', '1 platform-namespace-without-rule', '1 profile-without-https-egress',
    ]);
    expect(report.regressions.map((r) => r.flow)).toEqual(['istio-gateway/internal-istio-7b8f6d9c4-lm2np -> blog/blog-84c5f7d6b-tt9rj 8080/TCP']);
  });
});
