import { describe, expect, test } from 'vitest';
import { CiliumPolicy, KubernetesPolicy, lint, Renderer, type AcceptedRisks, type Manifest, type RiskKind } from '../../src';
import { RISK_LINT_RULES } from '../../src/constructs/accepted-risks';
import { expectRefused, synthObject } from '../helpers';
import { bareCluster, expectSameFlows, lintOf } from './pass-through-helpers';

const TCP_443 = { toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] };
const WEB = { matchLabels: { app: 'web' } };
const PROXY_CILIUM = { matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'other', app: 'proxy' } };
const PROXY_K8S = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'other' } }, podSelector: { matchLabels: { app: 'proxy' } } };

/** One guardrail an existing policy may trip: the policy and the opt-in that keeps it. */
interface Case {
  readonly risk: RiskKind;
  readonly kind: 'CiliumNetworkPolicy' | 'CiliumClusterwideNetworkPolicy' | 'NetworkPolicy';
  readonly spec: Record<string, unknown>;
  readonly refusal: RegExp;
  readonly hardCodedIpReason?: string;
  /**
   * Whether `netpol lint` reports the risk (it does not report a NetworkPolicy default-deny, how
   * NetworkPolicy denies, nor peers of the policy's own namespace on any port).
   * @default true
   */
  readonly lints?: boolean;
}

const CASES: Case[] = [
  { risk: 'explicitDeny', kind: 'CiliumClusterwideNetworkPolicy', spec: { endpointSelector: {}, ingressDeny: [{ fromEntities: ['all'] }] }, refusal: /spec\.ingressDeny\[0\] is an explicit default-deny/ },
  { risk: 'emptyRules', kind: 'CiliumNetworkPolicy', spec: { endpointSelector: WEB, ingress: [{}] }, refusal: /spec\.ingress\[0\] is an empty rule \{\}/ },
  { risk: 'emptyRules', kind: 'CiliumNetworkPolicy', spec: { endpointSelector: WEB, ingress: [{ fromEndpoints: [{ matchLabels: { app: 'proxy' } }], ...TCP_443 }], egress: [] }, refusal: /spec\.egress is an empty list, which Cilium ignores/ },
  { risk: 'anyPort', kind: 'CiliumNetworkPolicy', spec: { endpointSelector: WEB, ingress: [{ fromEndpoints: [PROXY_CILIUM] }] }, refusal: /spec\.ingress\[0\] allows any port/ },
  { risk: 'anyPort', kind: 'CiliumNetworkPolicy', spec: { endpointSelector: WEB, ingress: [{ fromEndpoints: [PROXY_CILIUM], toPorts: [{ ports: [{ port: '1024', endPort: 65535, protocol: 'TCP' }] }] }] }, refusal: /spec\.ingress\[0\]\.toPorts opens/ },
  { risk: 'outsideToEveryNamespace', kind: 'CiliumClusterwideNetworkPolicy', spec: { endpointSelector: WEB, ingress: [{ fromEntities: ['world'], ...TCP_443 }] }, refusal: /spec\.ingress\[0\] admits fromEntities world into a cluster-wide policy/ },
  { risk: 'explicitDeny', kind: 'NetworkPolicy', lints: false, spec: { podSelector: {}, policyTypes: ['Ingress'] }, refusal: /spec\.policyTypes names Ingress but the policy has no ingress rule, so it isolates its pods for ingress and allows nothing/ },
  { risk: 'emptyRules', kind: 'NetworkPolicy', spec: { podSelector: WEB, policyTypes: ['Ingress'], ingress: [{}] }, refusal: /spec\.ingress\[0\] has no from and no ports: in NetworkPolicy that allows every peer on every port/ },
  { risk: 'anyPort', kind: 'NetworkPolicy', spec: { podSelector: WEB, policyTypes: ['Ingress'], ingress: [{ from: [PROXY_K8S] }] }, refusal: /spec\.ingress\[0\] allows any port/ },
  { risk: 'anyPort', kind: 'NetworkPolicy', spec: { podSelector: WEB, policyTypes: ['Ingress'], ingress: [{ from: [PROXY_K8S], ports: [{ protocol: 'UDP' }] }] }, refusal: /spec\.ingress\[0\]\.ports\[0\] has no port, which NetworkPolicy reads as every UDP port/ },
  {
    risk: 'privateRanges', kind: 'NetworkPolicy', hardCodedIpReason: 'imported: egress to the internet',
    spec: { podSelector: WEB, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ protocol: 'TCP', port: 443 }] }] },
    refusal: /spec\.egress\[0\]\.to\[0\]\.ipBlock 0\.0\.0\.0\/0 reaches all of 10\.0\.0\.0\/8/,
  },
];

const REASON = 'imported: kept as the repository had it';

/** The construct of a case, with these opt-ins. */
function declare(c: Case, acceptRisks?: AcceptedRisks): ReturnType<typeof bareCluster> {
  const made = bareCluster();
  if (c.kind === 'NetworkPolicy') {
    new KubernetesPolicy(made.cluster, 'p', { namespace: 'media', spec: c.spec, ...(acceptRisks ? { acceptRisks } : {}), ...(c.hardCodedIpReason ? { hardCodedIpReason: c.hardCodedIpReason } : {}) });
  } else {
    new CiliumPolicy(made.cluster, 'p', { ...(c.kind === 'CiliumNetworkPolicy' ? { namespace: 'media' } : {}), spec: c.spec, ...(acceptRisks ? { acceptRisks } : {}), ...(c.hardCodedIpReason ? { hardCodedIpReason: c.hardCodedIpReason } : {}) });
  }
  return made;
}

function input(c: Case): Record<string, unknown> {
  return { apiVersion: c.kind === 'NetworkPolicy' ? 'networking.k8s.io/v1' : 'cilium.io/v2', kind: c.kind, metadata: { name: 'p', ...(c.kind === 'CiliumClusterwideNetworkPolicy' ? {} : { namespace: 'media' }) }, spec: c.spec };
}

function withoutLintIgnore(manifest: Manifest): Manifest {
  const annotations = { ...manifest.object.metadata.annotations };
  delete annotations['network-policy.homelab/lint-ignore'];
  return { ...manifest, object: { ...manifest.object, metadata: { ...manifest.object.metadata, annotations } } };
}

const objectName = (c: Case): string => `${c.kind} ${c.kind === 'CiliumClusterwideNetworkPolicy' ? '' : 'media/'}p`;

describe.each(CASES.map((c) => [`${c.kind} ${c.risk} ${JSON.stringify(c.spec)}`, c] as const))('acceptRisks: %s', (_name, c) => {
  test('is refused without the opt-in, naming the field and the opt-in', async () => {
    const message = await expectRefused(declare(c).app, c.refusal);
    expect(message).toContain(`acceptRisks: { ${c.risk}: 'why' }`);
  });

  test.each([['blank', ' \n '], ['invisible', '\u200b'], ['bidirectional-control', 'imported\u202e']])('is refused with a %s reason', async (_what, reason) => {
    await expectRefused(declare(c, { [c.risk]: reason }).app, new RegExp(`acceptRisks\\.${c.risk} of .* needs a reason anyone can read in review`));
  });

  test('is kept as written with a visible reason, in the lint-ignore annotation, and lint on the output is quiet for exactly it', async () => {
    const { app } = declare(c, { [c.risk]: REASON });
    // THEN the spec is passed through and the flows are the input's
    const output = await expectSameFlows([input(c)], app, 'cilium');
    const object = output.find((m) => `${m.object.kind} ${m.object.metadata.namespace ? `${m.object.metadata.namespace}/` : ''}${m.object.metadata.name}` === objectName(c))!;
    expect((object.object as Record<string, unknown>).spec).toEqual(c.spec);
    // AND the reason is visible on the object, for the lint rules of the risk
    const ignore = object.object.metadata.annotations!['network-policy.homelab/lint-ignore'];
    for (const rule of RISK_LINT_RULES[c.risk]) expect(ignore).toContain(`${rule}: ${REASON}`);
    // AND lint reports the risk on the output without the annotation, and silences exactly it with it, with the reason
    const rules = new Set(RISK_LINT_RULES[c.risk]);
    const bare = output.map((m) => (m === object ? withoutLintIgnore(m) : m));
    const before = lint(bare).filter((f) => rules.has(f.rule) && f.object === objectName(c));
    if (c.lints !== false) expect(before.length).toBeGreaterThan(0);
    const after = lintOf(output);
    expect(after.findings.filter((f) => rules.has(f.split(' ')[0]) && f.endsWith(objectName(c)))).toEqual([]);
    for (const f of before) expect(after.suppressed).toContain(`${f.rule} ${objectName(c)}: ${REASON}`);
    expect(lint(bare).filter((f) => !rules.has(f.rule))).toEqual(lint(output).filter((f) => !rules.has(f.rule)));
  });
});

describe('acceptRisks', () => {
  test('refuses a reason for a risk the spec does not take', async () => {
    const { app, cluster } = bareCluster();
    new CiliumPolicy(cluster, 'p', { namespace: 'media', spec: { endpointSelector: WEB, ingress: [{ fromEndpoints: [{}], ...TCP_443 }] }, acceptRisks: { anyPort: REASON } });
    await expectRefused(app, /acceptRisks\.anyPort of CiliumPolicy media\/p accepts a risk the spec does not take: remove it/);
  });

  test('refuses an unknown key, listing the risks', async () => {
    const { app, cluster } = bareCluster();
    new KubernetesPolicy(cluster, 'p', { namespace: 'media', spec: { podSelector: {} }, acceptRisks: { everything: REASON } as AcceptedRisks });
    await expectRefused(app, /acceptRisks of KubernetesPolicy media\/p has the unknown key "everything": the risks are explicitDeny, emptyRules, anyPort/);
  });

  test('risksOf lists the opt-ins a spec needs, so an importer writes exactly those', () => {
    expect(CiliumPolicy.risksOf({ endpointSelector: {}, ingress: [{ fromCIDR: ['10.0.0.0/8'] }] }).map((r) => r.risk)).toEqual(['anyPort', 'outsideToEveryNamespace', 'hardCodedIp']);
    expect(KubernetesPolicy.risksOf({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] }).map((r) => r.risk)).toEqual(['explicitDeny', 'explicitDeny']);
    expect(KubernetesPolicy.risksOf({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] }, { renderer: Renderer.KUBERNETES })).toEqual([]);
  });

  test('the synthesized object states every reason (snapshot)', async () => {
    const { app, cluster } = bareCluster();
    new KubernetesPolicy(cluster, 'egress-internet', {
      namespace: 'media', hardCodedIpReason: 'imported: the internet',
      acceptRisks: { privateRanges: 'imported: the repository allowed 0.0.0.0/0', anyPort: 'imported: any port to the internet' },
      spec: { podSelector: WEB, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] },
    });
    expect(await synthObject(app, 'NetworkPolicy media/egress-internet')).toMatchSnapshot();
  });
});

describe('CiliumPolicy specs', () => {
  const SPECS = [
    { endpointSelector: WEB, ingress: [{ fromEndpoints: [PROXY_CILIUM], ...TCP_443 }] },
    { endpointSelector: { matchLabels: { app: 'db' } }, ingress: [{ fromEndpoints: [PROXY_CILIUM] }] },
  ];
  const INPUT = { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'p', namespace: 'media' }, specs: SPECS };

  test('checks each spec of a specs list, naming it', async () => {
    const { app, cluster } = bareCluster();
    new CiliumPolicy(cluster, 'p', { namespace: 'media', specs: SPECS });
    await expectRefused(app, /CiliumPolicy media\/p is refused: specs\[1\]\.ingress\[0\] allows any port/);
    expect(CiliumPolicy.risksOf(SPECS, { namespace: 'media' }).map((r) => r.risk)).toEqual(['anyPort']);
  });

  test('passes the specs list through as written, with the same flows', async () => {
    const { app, cluster } = bareCluster();
    new CiliumPolicy(cluster, 'p', { namespace: 'media', specs: SPECS, acceptRisks: { anyPort: REASON } });
    const output = await expectSameFlows([INPUT], app);
    const object = output.find((m) => m.object.kind === 'CiliumNetworkPolicy')!.object as Record<string, unknown>;
    expect(object.specs).toEqual(SPECS);
    expect(object.spec).toBeUndefined();
  });

  test('refuses both spec and specs, and an empty specs list', async () => {
    const { app, cluster } = bareCluster();
    new CiliumPolicy(cluster, 'both', { namespace: 'media', spec: SPECS[0], specs: SPECS });
    new CiliumPolicy(cluster, 'none', { namespace: 'media', specs: [] });
    const message = await expectRefused(app, /CiliumPolicy media\/both gives both spec and specs: give one/);
    expect(message).toMatch(/specs of CiliumPolicy media\/none must be a non-empty list of specs/);
  });
});
