import { describe, expect, test } from 'vitest';
import { Simulator } from '../../src/probe/simulator';
import { ccnp, cnp, decide, namespaceManifest, np, topology, verdictOf } from './builders';

const dnsProxy = {
  toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s-app': 'kube-dns' } }],
  toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }], rules: { dns: [{ matchPattern: '*' }] } }],
};

describe('Cilium endpoint selectors', () => {
  test('a CNP endpointSelector only selects its own namespace', () => {
    const policy = cnp('x', 'p', { endpointSelector: {}, ingress: [{}] });
    expect(verdictOf([policy], 'z/a', 'x/a', 80)).toBe('deny');
    expect(verdictOf([policy], 'z/a', 'y/a', 80)).toBe('allow');
  });

  test('a CNP endpointSelector naming another namespace still applies in its own, with a notice', () => {
    const policy = cnp('x', 'p', { endpointSelector: { matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'y' } }, ingress: [{}] });
    const sim = Simulator.build([policy], topology());
    expect(sim.evaluate({ from: 'z/a', to: 'x/a', port: 80, protocol: 'TCP' }).verdict).toBe('deny');
    expect(sim.evaluate({ from: 'z/a', to: 'y/a', port: 80, protocol: 'TCP' }).verdict).toBe('allow');
    expect(sim.notices).toEqual(['CiliumNetworkPolicy x/p spec.endpointSelector names namespace y; Cilium ignores that and applies the policy in x.']);
  });

  test.each([
    ['a CNP peer without namespace means the policy namespace', cnp, { matchLabels: { pod: 'b' } }, { 'x/b': 'allow', 'y/b': 'deny' }],
    ['a CCNP peer without namespace means any namespace', null, { matchLabels: { pod: 'b' } }, { 'x/b': 'allow', 'y/b': 'allow', 'x/c': 'deny' }],
    ['io.kubernetes.pod.namespace picks the namespace', cnp, { matchLabels: { 'io.kubernetes.pod.namespace': 'y' } }, { 'y/c': 'allow', 'x/c': 'deny' }],
    ['k8s: prefixed keys are the same labels', cnp, { matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'y', 'k8s:pod': 'c' } }, { 'y/c': 'allow', 'y/b': 'deny' }],
    ['namespace labels select across namespaces', cnp, { matchLabels: { 'io.cilium.k8s.namespace.labels.ns': 'z' } }, { 'z/a': 'allow', 'x/a': 'deny' }],
    ['matchExpressions on the namespace', cnp, { matchExpressions: [{ key: 'io.kubernetes.pod.namespace', operator: 'In', values: ['y', 'z'] }] }, { 'y/a': 'allow', 'z/b': 'allow', 'x/b': 'deny' }],
    ['an empty CNP peer selector means every pod of the namespace', cnp, {}, { 'x/c': 'allow', 'y/c': 'deny' }],
  ])('%s', (_name, kind, selector, expected) => {
    const spec = { endpointSelector: { matchLabels: { pod: 'a' } }, ingress: [{ fromEndpoints: [selector] }] };
    const policy = kind ? kind('x', 'p', spec) : ccnp('p', { ...spec, endpointSelector: { matchLabels: { 'io.kubernetes.pod.namespace': 'x', pod: 'a' } } });
    for (const [from, verdict] of Object.entries(expected)) expect(verdictOf([policy], from, 'x/a', 80), from).toBe(verdict);
  });

  test('selects on the service account', () => {
    const topo = topology({ y: { labels: { ns: 'y' }, pods: { a: { labels: { pod: 'a' }, serviceAccount: 'robot' }, b: { labels: { pod: 'b' } } } } });
    const policy = cnp('x', 'p', { endpointSelector: {}, ingress: [{ fromEndpoints: [{ matchLabels: { 'io.kubernetes.pod.namespace': 'y', 'io.cilium.k8s.policy.serviceaccount': 'robot' } }] }] });
    expect(verdictOf([policy], 'y/a', 'x/a', 80, { topology: topo })).toBe('allow');
    expect(verdictOf([policy], 'y/b', 'x/a', 80, { topology: topo })).toBe('deny');
  });

  test('Namespace manifests merge their labels into the topology', () => {
    const policy = cnp('x', 'p', { endpointSelector: {}, ingress: [{ fromEndpoints: [{ matchLabels: { 'io.cilium.k8s.namespace.labels.team': 'blue' } }] }] });
    expect(verdictOf([policy], 'y/a', 'x/a', 80)).toBe('deny');
    expect(verdictOf([policy, namespaceManifest('y', { team: 'blue' })], 'y/a', 'x/a', 80)).toBe('allow');
  });
});

describe('Cilium entities', () => {
  test.each([
    ['cluster', 'y/a', 'allow'],
    ['cluster', 'entity:remote-node', 'allow'],
    ['cluster', 'entity:health', 'allow'],
    ['cluster', 'external:github', 'deny'],
    ['world', 'external:github', 'allow'],
    ['world', 'y/a', 'deny'],
    ['all', 'external:github', 'allow'],
    ['all', 'entity:kube-apiserver', 'allow'],
    ['health', 'entity:health', 'allow'],
    ['health', 'entity:remote-node', 'deny'],
    ['remote-node', 'entity:remote-node', 'allow'],
  ])('fromEntities [%s] from %s: %s', (entity, from, expected) => {
    const policy = cnp('x', 'p', { endpointSelector: {}, ingress: [{ fromEntities: [entity] }] });
    expect(verdictOf([policy], from, 'x/a', 80)).toBe(expected);
  });

  test('toEntities kube-apiserver reaches the entity, not pods', () => {
    const policy = cnp('x', 'p', { endpointSelector: {}, egress: [{ toEntities: ['kube-apiserver'], toPorts: [{ ports: [{ port: '6443', protocol: 'TCP' }] }] }] });
    expect(verdictOf([policy], 'x/a', 'entity:kube-apiserver', 6443)).toBe('allow');
    expect(verdictOf([policy], 'x/a', 'y/a', 6443)).toBe('deny');
  });

  test('entity:host reaches endpoints on its node even in default-deny (allow-localhost)', () => {
    const policy = cnp('x', 'p', { endpointSelector: {}, ingress: [{}] });
    expect(verdictOf([policy], 'entity:host', 'x/a', 80)).toBe('allow');
    expect(decide([policy], 'entity:remote-node', 'x/a', 80).ingress.verdict).toBe('deny');
  });

  test('entity none selects nothing but still puts the subject in default-deny', () => {
    // GIVEN a CNP whose only ingress and egress peers are the entity none
    const policy = cnp('x', 'none', { endpointSelector: { matchLabels: { pod: 'a' } }, ingress: [{ fromEntities: ['none'] }], egress: [{ toEntities: ['none'] }] });
    // THEN x/a admits nothing and reaches nothing, but the host still reaches it (allow-localhost)
    const inbound = decide([policy], 'y/a', 'x/a', 80);
    expect(inbound.verdict).toBe('deny');
    expect(inbound.ingress.reason).toMatch(/^default-deny: selected by CNP x\/none; no rule allows y\/a on 80\/TCP/);
    expect(verdictOf([policy], 'x/a', 'external:github', 443)).toBe('deny');
    expect(verdictOf([policy], 'x/a', 'entity:remote-node', 443)).toBe('deny');
    expect(verdictOf([policy], 'entity:host', 'x/a', 80)).toBe('allow');
    // AND pods the policy does not select are untouched
    expect(verdictOf([policy], 'x/b', 'y/a', 80)).toBe('allow');
  });

  test('entities no policy can select and externals are unrestricted on their own side', () => {
    const all = ccnp('all', { endpointSelector: {}, egress: [{}], ingress: [{}] });
    expect(decide([all], 'entity:remote-node', 'external:github', 80).verdict).toBe('allow');
    expect(decide([all], 'external:github', 'entity:kube-apiserver', 443).verdict).toBe('allow');
  });
});

describe('Cilium CIDR rules', () => {
  test.each([
    [{ toCIDR: ['140.82.112.0/20'] }, 'external:github', 'allow'],
    [{ toCIDR: ['140.82.112.0/20'] }, 'external:example', 'deny'],
    [{ toCIDRSet: [{ cidr: '0.0.0.0/0', except: ['192.168.0.0/16'] }] }, 'external:example', 'allow'],
    [{ toCIDRSet: [{ cidr: '0.0.0.0/0', except: ['192.168.0.0/16'] }] }, 'external:lan', 'deny'],
    [{ toCIDR: ['10.0.0.0/8'] }, 'y/a', 'deny'],
  ])('%j to %s: %s', (rule, to, expected) => {
    expect(verdictOf([cnp('x', 'p', { endpointSelector: {}, egress: [rule] })], 'x/a', to, 443)).toBe(expected);
  });
});

describe('Cilium named ports on egress: one cluster-wide map (pkg/types/portmap.go)', () => {
  // x, y, z pods name 80/TCP http and 53/UDP dns; m/p and m/q name 9090 and 9091 metrics.
  const cluster = topology({ m: { pods: {
    p: { labels: { pod: 'p' }, ports: [{ name: 'metrics', port: 9090, protocol: 'TCP' }] },
    q: { labels: { pod: 'q' }, ports: [{ name: 'metrics', port: 9091, protocol: 'TCP' }] },
  } } });
  const egress = (peer: Record<string, unknown>, port: string): ReturnType<typeof cnp> =>
    cnp('x', 'out', { endpointSelector: { matchLabels: { pod: 'a' } }, egress: [{ ...peer, toPorts: [{ ports: [{ port, protocol: 'TCP' }] }] }] });

  test('a resolved name applies to every peer of the rule, world included', () => {
    const policy = egress({ toEntities: ['world'] }, 'http');
    expect(verdictOf([policy], 'x/a', 'external:github', 80, { topology: cluster })).toBe('allow');
    expect(verdictOf([policy], 'x/a', 'external:github', 443, { topology: cluster })).toBe('deny');
  });

  test('a resolved name applies to a pod peer that does not define it', () => {
    const policy = egress({ toEndpoints: [{ matchLabels: { 'io.kubernetes.pod.namespace': 'kube-system' } }] }, 'http');
    expect(verdictOf([policy], 'x/a', 'kube-system/dns', 80, { topology: cluster })).toBe('allow');
  });

  test('a name two pods bind to different numbers resolves to nothing (ErrDuplicateNamedPorts)', () => {
    // GIVEN an egress rule to m on metrics, which m/p binds to 9090 and m/q to 9091
    const policy = egress({ toEndpoints: [{ matchLabels: { 'io.kubernetes.pod.namespace': 'm' } }] }, 'metrics');
    // THEN neither number is allowed, not even to the pod that defines it
    expect(decide([policy], 'x/a', 'm/p', 9090, { topology: cluster }).egress.verdict).toBe('deny');
    const q = decide([policy], 'x/a', 'm/q', 9091, { topology: cluster });
    expect(q.egress.verdict).toBe('deny');
    // AND the reason says why the rule did not apply
    expect(q.egress.reason).toMatch(/; named port metrics resolves to nothing for TCP in Cilium's cluster-wide map of port names \(pods bind it to different numbers, or none names it\)$/);
    // AND the pod-to-pod matrix agrees with single probes
    const matrix = Simulator.build([policy], cluster).reachability(9090);
    const row = matrix.rows[matrix.pods.indexOf('x/a')];
    expect(row[matrix.pods.indexOf('m/p')]).toBe('X');
  });

  test('ingress still resolves against the selected pod\'s own ports', () => {
    const policy = cnp('m', 'in', { endpointSelector: {}, ingress: [{ fromEndpoints: [{ matchLabels: { 'io.kubernetes.pod.namespace': 'x' } }], toPorts: [{ ports: [{ port: 'metrics', protocol: 'TCP' }] }] }] });
    expect(verdictOf([policy], 'x/a', 'm/p', 9090, { topology: cluster })).toBe('allow');
    expect(verdictOf([policy], 'x/a', 'm/q', 9091, { topology: cluster })).toBe('allow');
    expect(verdictOf([policy], 'x/a', 'm/q', 9090, { topology: cluster })).toBe('deny');
  });

  test('--cni kubernetes keeps per-destination resolution for NetworkPolicy egress', () => {
    const policy = np('x', 'out', { podSelector: { matchLabels: { pod: 'a' } }, policyTypes: ['Egress'], egress: [{ ports: [{ port: 'metrics' }] }] });
    expect(verdictOf([policy], 'x/a', 'm/p', 9090, { topology: cluster, cni: 'kubernetes' })).toBe('allow');
    expect(verdictOf([policy], 'x/a', 'm/q', 9091, { topology: cluster, cni: 'kubernetes' })).toBe('allow');
    expect(verdictOf([policy], 'x/a', 'm/p', 9090, { topology: cluster, cni: 'cilium' })).toBe('deny');
  });
});

describe('Cilium toPorts', () => {
  test.each([
    [{ port: '80' }, 80, 'UDP', 'allow'],
    [{ port: '80', protocol: 'ANY' }, 80, 'SCTP', 'allow'],
    [{ port: '80', protocol: 'TCP' }, 80, 'UDP', 'deny'],
    [{ port: '8000', endPort: 8100, protocol: 'TCP' }, 8050, 'TCP', 'allow'],
    [{ port: '8000', endPort: 8100, protocol: 'TCP' }, 8101, 'TCP', 'deny'],
    [{ port: '0', protocol: 'UDP' }, 9999, 'UDP', 'allow'],
    [{ port: 'http', protocol: 'TCP' }, 80, 'TCP', 'allow'],
    [{ port: 'http' }, 8080, 'TCP', 'deny'],
  ] as const)('port %j vs %s/%s: %s', (port, number, protocol, expected) => {
    const policy = cnp('x', 'p', { endpointSelector: {}, ingress: [{ fromEndpoints: [{}], toPorts: [{ ports: [port] }] }] });
    expect(verdictOf([policy], 'x/b', 'x/a', number, { protocol })).toBe(expected);
  });

  test('a rule with toPorts but no peer allows every peer on those ports', () => {
    const policy = cnp('x', 'p', { endpointSelector: {}, ingress: [{ toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }] }] }] });
    expect(verdictOf([policy], 'external:github', 'x/a', 80)).toBe('allow');
    expect(verdictOf([policy], 'y/a', 'x/a', 81)).toBe('deny');
  });

  test('a rule limited to ICMP matches no TCP flow', () => {
    const policy = cnp('x', 'p', { endpointSelector: {}, ingress: [{ fromEndpoints: [{}], icmps: [{ fields: [{ type: 8 }] }] }] });
    expect(verdictOf([policy], 'x/b', 'x/a', 80)).toBe('deny');
  });
});

describe('Cilium default-deny', () => {
  test('ingress: [] does not create default-deny (upstream rule.go: len(r.Ingress) > 0)', () => {
    expect(verdictOf([cnp('x', 'p', { endpointSelector: {}, ingress: [] })], 'y/a', 'x/a', 80)).toBe('allow');
  });

  test('ingress: [{}] creates default-deny and allows nothing', () => {
    const v = decide([cnp('x', 'p', { endpointSelector: {}, ingress: [{}] })], 'x/b', 'x/a', 80);
    expect(v.ingress).toEqual({ verdict: 'deny', by: [], reason: 'default-deny: selected by CNP x/p; no rule allows x/b on 80/TCP' });
  });

  test('a deny-only policy puts the direction in default-deny', () => {
    const policy = cnp('x', 'p', { endpointSelector: {}, ingressDeny: [{ fromEndpoints: [{ matchLabels: { pod: 'c' } }] }] });
    expect(verdictOf([policy], 'x/b', 'x/a', 80)).toBe('deny');
  });

  test('enableDefaultDeny false makes a policy only add allows', () => {
    const open = cnp('x', 'open', { endpointSelector: {}, enableDefaultDeny: { ingress: false }, ingress: [{ fromEndpoints: [{ matchLabels: { pod: 'b' } }] }] });
    expect(verdictOf([open], 'y/a', 'x/a', 80)).toBe('allow');
    expect(decide([open], 'x/b', 'x/a', 80).ingress.by).toEqual(['CiliumNetworkPolicy x/open']);
  });

  test('enableDefaultDeny false does not lift another policy\'s default-deny', () => {
    const open = cnp('x', 'open', { endpointSelector: {}, enableDefaultDeny: { ingress: false }, ingress: [{ fromEndpoints: [{ matchLabels: { pod: 'b' } }] }] });
    const strict = cnp('x', 'strict', { endpointSelector: {}, ingress: [{ fromEndpoints: [{ matchLabels: { pod: 'c' } }] }] });
    expect(verdictOf([open, strict], 'y/a', 'x/a', 80)).toBe('deny');
    expect(verdictOf([open, strict], 'x/b', 'x/a', 80)).toBe('allow');
  });

  test('enableDefaultDeny false still enforces deny rules', () => {
    const policy = cnp('x', 'p', { endpointSelector: {}, enableDefaultDeny: { ingress: false }, ingressDeny: [{ fromEndpoints: [{ matchLabels: { pod: 'c' } }] }] });
    expect(verdictOf([policy], 'x/b', 'x/a', 80)).toBe('allow');
    expect(verdictOf([policy], 'x/c', 'x/a', 80)).toBe('deny');
  });
});

describe('Cilium deny rules', () => {
  const allowAll = cnp('x', 'allow-all', { endpointSelector: {}, ingress: [{ fromEntities: ['all'] }] });

  test.each([
    ['a CNP deny', cnp('x', 'deny', { endpointSelector: {}, ingressDeny: [{ fromEndpoints: [{ matchLabels: { pod: 'b' } }] }] })],
    ['a CCNP deny', ccnp('deny', { endpointSelector: {}, ingressDeny: [{ fromEndpoints: [{ matchLabels: { pod: 'b' } }] }] })],
  ])('%s wins over any allow', (_name, deny) => {
    const v = decide([allowAll, deny], 'x/b', 'x/a', 80);
    expect(v.ingress.verdict).toBe('deny');
    expect(v.ingress.reason).toMatch(/^denied by C(C)?NP (x\/)?deny \(rule ingressDeny\[0\]: fromEndpoints \{pod=b\}/);
    expect(verdictOf([allowAll, deny], 'x/c', 'x/a', 80)).toBe('allow');
  });

  test('deny rules also override NetworkPolicy allows under cilium', () => {
    const allow = np('x', 'allow', { podSelector: {}, ingress: [{}] });
    const deny = cnp('x', 'deny', { endpointSelector: {}, ingressDeny: [{ toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }] }] }] });
    expect(verdictOf([allow, deny], 'y/a', 'x/a', 80)).toBe('deny');
    expect(verdictOf([allow, deny], 'y/a', 'x/a', 81)).toBe('allow');
  });

  test('egressDeny to a CIDR blocks an otherwise allowed external', () => {
    const allow = cnp('x', 'out', { endpointSelector: {}, egress: [{ toEntities: ['world'] }] });
    const deny = cnp('x', 'no-lan', { endpointSelector: {}, egressDeny: [{ toCIDR: ['192.168.0.0/16'] }] });
    expect(verdictOf([allow, deny], 'x/a', 'external:github', 443)).toBe('allow');
    expect(verdictOf([allow, deny], 'x/a', 'external:lan', 443)).toBe('deny');
  });
});

describe('Cilium toFQDNs', () => {
  const fqdn = cnp('x', 'github', { endpointSelector: {}, egress: [{ toFQDNs: [{ matchName: 'api.github.com' }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] }] });

  test('allows the external whose fqdn matches when a DNS proxy rule selects the source', () => {
    const dns = ccnp('dns', { endpointSelector: {}, egress: [dnsProxy] });
    expect(verdictOf([fqdn, dns], 'x/a', 'external:github', 443)).toBe('allow');
    expect(verdictOf([fqdn, dns], 'x/a', 'external:example', 443)).toBe('deny');
  });

  test('does not take effect without a DNS proxy rule, and says so', () => {
    const v = decide([fqdn], 'x/a', 'external:github', 443);
    expect(v.egress.verdict).toBe('deny');
    expect(v.egress.reason).toMatch(/toFQDNs of CNP x\/github \(rule egress\[0\]: .*\) would allow external:github, but no egress rule selecting x\/a has a DNS proxy rule \(toPorts\[\]\.rules\.dns\)/);
  });

  test('a name the DNS proxy rule refuses to look up is never allowed, and the reason says so', () => {
    const narrow = ccnp('dns', { endpointSelector: {}, egress: [{ ...dnsProxy, toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }], rules: { dns: [{ matchPattern: '*.example.com' }] } }] }] });
    const v = decide([fqdn, narrow], 'x/a', 'external:github', 443);
    expect(v.egress.verdict).toBe('deny');
    expect(v.egress.reason).toMatch(/but the DNS proxy rules of x\/a \(matchPattern: \*\.example\.com\) refuse to look up api\.github\.com, so Cilium never learns its addresses$/);
  });

  test.each(['**', '***', '*.', '**.'])('matchPattern %s matches every name, in toFQDNs and in DNS proxy rules (isDNSWildcard)', (pattern) => {
    // GIVEN a DNS proxy rule and a toFQDNs rule both written with a stars-only pattern
    const dns = ccnp('dns', { endpointSelector: {}, egress: [{ ...dnsProxy, toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }], rules: { dns: [{ matchPattern: pattern }] } }] }] });
    const any = cnp('x', 'any', { endpointSelector: {}, egress: [{ toFQDNs: [{ matchPattern: pattern }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] }] });
    // THEN every external with a name is reachable, one without a name is not
    expect(verdictOf([any, dns], 'x/a', 'external:github', 443)).toBe('allow');
    expect(verdictOf([any, dns], 'x/a', 'external:example', 443)).toBe('allow');
    expect(verdictOf([any, dns], 'x/a', 'external:lan', 443)).toBe('deny');
  });

  test('a DNS rule that selects other pods does not help', () => {
    const dns = cnp('y', 'dns', { endpointSelector: {}, egress: [dnsProxy] });
    expect(verdictOf([fqdn, dns], 'x/a', 'external:github', 443)).toBe('deny');
  });
});

describe('Cilium host policies and unmodelled peers', () => {
  test('a nodeSelector rule is ignored with a notice', () => {
    const sim = Simulator.build([ccnp('host', { nodeSelector: {}, ingress: [{}] })], topology());
    expect(sim.notices).toEqual(['CiliumClusterwideNetworkPolicy host spec: nodeSelector (host policy) is not modelled; the rule is ignored.']);
  });

  test('a rule with only toServices matches nothing, with a notice', () => {
    const sim = Simulator.build([cnp('x', 'svc', { endpointSelector: {}, egress: [{ toServices: [{ k8sService: { serviceName: 'a', namespace: 'y' } }] }] })], topology());
    expect(sim.evaluate({ from: 'x/a', to: 'y/a', port: 80, protocol: 'TCP' }).verdict).toBe('deny');
    expect(sim.notices[0]).toMatch(/spec\.egress\[0\]\.toServices is not modelled/);
  });

  test('specs lists compile each rule, named by position', () => {
    const policy = cnp('x', 'multi', { endpointSelector: { matchLabels: { pod: 'c' } }, ingress: [{}] });
    const object = { ...policy.object, specs: [{ endpointSelector: {}, ingress: [{ fromEndpoints: [{ matchLabels: { pod: 'b' } }] }] }] };
    const v = decide([{ ...policy, object }], 'x/b', 'x/a', 80);
    expect(v.ingress.by).toEqual(['CiliumNetworkPolicy x/multi']);
  });
});

describe('CIDR groups', () => {
  test('a toCIDRSet entry by cidrGroupRef is valid input, matches no address and is noticed', () => {
    const policy = cnp('x', 'p', { endpointSelector: {}, egress: [{ toCIDRSet: [{ cidrGroupRef: 'forgejo' }, { cidr: '93.184.216.0/24' }] }] });
    const sim = Simulator.build([policy], topology());
    expect(sim.evaluate({ from: 'x/a', to: 'external:example', port: 443, protocol: 'TCP' }).verdict).toBe('allow');
    expect(sim.evaluate({ from: 'x/a', to: 'external:github', port: 443, protocol: 'TCP' }).verdict).toBe('deny');
    expect(sim.notices).toEqual(['CiliumNetworkPolicy x/p spec.egress[0].toCIDRSet[0] (cidrGroupRef/cidrGroupSelector) is not modelled; it matches no address in the simulation.']);
  });
});

describe('layer-7 rules', () => {
  test('refuses rules with an unknown kind or none, as the CRD\'s L7Rules oneOf does', () => {
    // cilium/cilium examples/policies/l7/http/http.yaml (0b47e871): `HTTP` is not a field; pruned, the rules are empty.
    const upstream = cnp('x', 'l7-rule', { endpointSelector: { matchLabels: { app: 'myService' } }, ingress: [{ toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }], rules: { HTTP: [{ method: 'GET', path: '/path1$' }] } }] }] });
    expect(() => Simulator.build([upstream], topology())).toThrow(/spec\.ingress\[0\]\.toPorts\[0\]\.rules\.HTTP: unknown field; layer-7 rules are one of http, kafka, dns, l7proto\. Did you mean "http"\?/);
    const both = cnp('x', 'p', { endpointSelector: {}, egress: [{ toPorts: [{ ports: [{ port: '53' }], rules: { dns: [{ matchPattern: '*' }], http: [{}] } }] }] });
    expect(() => Simulator.build([both], topology())).toThrow(/rules: set exactly one of http, kafka, dns, l7proto, not http and dns/);
    const none = cnp('x', 'p', { endpointSelector: {}, egress: [{ toPorts: [{ ports: [{ port: '53' }], rules: {} }] }] });
    expect(() => Simulator.build([none], topology())).toThrow(/rules: set exactly one of http, kafka, dns, l7proto$/);
  });
});
