import { App } from 'cdk8s';
import { describe, expect, test } from 'vitest';
import {
  AppNamespace, CiliumPolicy, ClusterBaseline, Connection, Downgrade, Entity, NetpolCluster, Peer, PlatformNamespace,
  PolicyError, Port, Profile, Renderer, SharedService, synthesizeFiles, type NetpolClusterProps,
} from '../../src';
import { synthObject } from '../helpers';

/**
 * Cluster definitions that try to sneak wide-open policy past the guardrails (issue 15,
 * "Guardrails without a bypass"): each must be refused at synthesis, naming the construct path
 * (a value factory's problem, e.g. `Peer.cidr` with an invisible reason, is reported at the
 * construct that uses the value) and the fix.
 */

const HTTPS = [{ ports: [{ port: '443', protocol: 'TCP' }] }];
const WEB = { 'app.kubernetes.io/name': 'web' };
const PRIVATE = ['10.0.0.0/8', '100.64.0.0/10', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16'];

function cluster(props: NetpolClusterProps = {}): { app: App; cluster: NetpolCluster } {
  const app = new App();
  const c = new NetpolCluster(app, 'lab', props);
  new ClusterBaseline(c, 'baseline');
  Profile.builtins(c);
  SharedService.builtins(c);
  return { app, cluster: c };
}

const kubernetes = (): ReturnType<typeof cluster> => cluster({ renderer: Renderer.KUBERNETES, kubernetes: { apiServer: { cidrs: ['10.20.0.10/32'] } } });

/** A CiliumPolicy named `p` with one allow rule (ingress from the world unless given). */
function cilium(rule: Record<string, unknown>, options: { namespace?: string; direction?: 'ingress' | 'egress'; endpointSelector?: unknown } = {}): App {
  const { app, cluster: c } = cluster();
  new CiliumPolicy(c, 'p', {
    ...(options.namespace !== undefined ? { namespace: options.namespace } : {}),
    spec: { endpointSelector: options.endpointSelector ?? { matchLabels: { app: 'web' } }, [options.direction ?? 'ingress']: [rule] },
  });
  return app;
}

/** Everything a definition does, up to synthesis in memory; the PolicyError it ends with. */
async function refusal(build: () => App | { app: App }): Promise<PolicyError> {
  try {
    const built = build();
    await synthesizeFiles(built instanceof App ? built : built.app);
  } catch (error) {
    if (error instanceof PolicyError) return error;
    throw error;
  }
  throw new Error('the definition was accepted');
}

interface Bypass {
  /** The attempt. */
  readonly name: string;
  /** The definition. */
  readonly build: () => App | { app: App };
  /** The construct path the message names. */
  readonly path: string;
  /** What the message must say: the problem and the fix. */
  readonly fix: RegExp;
}

const bypasses: Bypass[] = [
  // 1. The escape hatch through raw labels, with no reason asked.
  { name: 'escape hatch as a raw label on kube-system', path: 'lab/kube-system', fix: /would lift enforcement without a reason: remove it and use disableEnforcement: \{ reason/,
    build: () => { const x = cluster(); new PlatformNamespace(x.cluster, 'kube-system', { labels: { 'network-policy.homelab/enforcement': 'disabled' } }); return x; } },
  { name: 'escape hatch as a raw label on an app namespace', path: 'lab/blog', fix: /would lift enforcement without a reason/,
    build: () => { const x = cluster(); new AppNamespace(x.cluster, 'blog', { profile: 'standard', labels: { 'network-policy.homelab/enforcement': 'disabled' } }); return x; } },
  { name: 'escape hatch label with another value', path: 'lab/monitoring', fix: /"network-policy.homelab\/enforcement: Disabled" .* would lift enforcement/,
    build: () => { const x = cluster(); new PlatformNamespace(x.cluster, 'monitoring', { labels: { 'network-policy.homelab/enforcement': 'Disabled' } }); return x; } },
  { name: 'raw access label on a platform namespace', path: 'lab/monitoring', fix: /access.network-policy.homelab\/postgres" .* is managed by the library: declare the namespace's traffic with allowIngress\(\)\/allowEgress\(\)/,
    build: () => { const x = cluster(); new PlatformNamespace(x.cluster, 'monitoring', { labels: { 'access.network-policy.homelab/postgres': 'true' } }); return x; } },
  { name: 'raw access label on an app namespace', path: 'lab/blog', fix: /is managed by the library: use the profile, access and disableEnforcement properties/,
    build: () => { const x = cluster(); new AppNamespace(x.cluster, 'blog', { profile: 'isolated', labels: { 'access.network-policy.homelab/postgres': 'true' } }); return x; } },
  { name: 'raw platform label on an app namespace', path: 'lab/blog', fix: /network-policy.homelab\/platform" .* is managed by the library/,
    build: () => { const x = cluster(); new AppNamespace(x.cluster, 'blog', { profile: 'isolated', labels: { 'network-policy.homelab/platform': 'true' } }); return x; } },
  { name: 'a made-up label of the design domain', path: 'lab/blog', fix: /network-policy.homelab\/enforcement-override" .* is managed by the library/,
    build: () => { const x = cluster(); new AppNamespace(x.cluster, 'blog', { profile: 'isolated', labels: { 'network-policy.homelab/enforcement-override': 'true' } }); return x; } },
  { name: 'a namespace claiming kube-system\'s name label', path: 'lab/blog', fix: /claims another namespace's name .* remove it/,
    build: () => { const x = cluster(); new AppNamespace(x.cluster, 'blog', { profile: 'isolated', labels: { 'kubernetes.io/metadata.name': 'kube-system' } }); return x; } },

  // 2. Blank and invisible reasons.
  ...([
    ['empty', '', /is blank/], ['spaces', '   ', /is blank/], ['tabs and newlines', '\t\n\r\n', /is blank/],
    ['a zero-width space', '\u200b', /invisible character U\+200B/], ['zero-width spaces around words', '\u200bdebug\u200b', /invisible character U\+200B/],
    ['a zero-width joiner', '\u200d', /U\+200D/], ['a word joiner', '\u2060', /U\+2060/], ['a byte-order mark', '\ufeff', /U\+FEFF/],
    ['a right-to-left override', 'INC-1\u202e', /U\+202E/], ['a bidi isolate', '\u2066INC-1\u2069', /U\+2066/],
    ['a no-break space', '\u00a0', /is blank/], ['an ideographic space', '\u3000', /is blank/], ['a Hangul filler', '\u3164', /is blank/],
    ['a braille blank', '\u2800\u2800', /is blank/], ['a Mongolian vowel separator', '\u180e', /U\+180E/], ['punctuation only', '...', /has no letter or digit/],
    ['a dash', '-', /has no letter or digit/], ['a soft hyphen', '\u00ad', /U\+00AD/], ['a number instead of text', 42, /is not text/],
  ] as [string, unknown, RegExp][]).map(([what, reason, problem]): Bypass => ({
    name: `disableEnforcement with ${what}`, path: 'lab/blog',
    fix: new RegExp(`disableEnforcement of namespace blog needs a reason anyone can read in review, and the one given .*${problem.source}.*: write why in words`),
    build: () => { const x = cluster(); new AppNamespace(x.cluster, 'blog', { profile: 'standard', disableEnforcement: { reason: reason as string } }); return x; },
  })),
  { name: 'disableEnforcement without its reason field', path: 'lab/blog', fix: /reason .* is missing/,
    build: () => { const x = cluster(); new AppNamespace(x.cluster, 'blog', { profile: 'standard', disableEnforcement: {} as { reason: string } }); return x; } },
  { name: 'disableEnforcement of a platform namespace with an invisible reason', path: 'lab/kube-system', fix: /U\+200B/,
    build: () => { const x = cluster(); new PlatformNamespace(x.cluster, 'kube-system', { disableEnforcement: { reason: '\u200b' } }); return x; } },
  ...([['a zero-width space', '\u200b'], ['a no-break space', '\u00a0'], ['a word joiner', '\u2060'], ['an ideographic space', '\u3000']] as [string, string][])
    .map(([what, reason]): Bypass => ({
      name: `Peer.cidr('0.0.0.0/0') with ${what} as reason`, path: 'lab/blog', fix: /Hard-coded address "0.0.0.0\/0" without a reason \(the reason given .*\): use a selector/,
      build: () => { const x = cluster(); new AppNamespace(x.cluster, 'blog', { profile: 'isolated' }).allowEgress(Peer.cidr('0.0.0.0/0', { reason }), [Port.HTTPS]); return x; },
    })),
  { name: 'Downgrade.toCidrs with an invisible reason', path: 'lab/blog', fix: /Downgrade.toCidrs needs a reason \(the one given holds the invisible character U\+200B\)/,
    build: () => { const x = kubernetes(); new AppNamespace(x.cluster, 'blog', { profile: 'isolated' }).allowEgress(Peer.fqdn('api.github.com'), [Port.HTTPS], { downgrade: Downgrade.toCidrs(['140.82.112.0/20'], '\u200b') }); return x; } },
  { name: 'Downgrade.skip with a blank reason', path: 'lab/blog', fix: /Downgrade.skip needs a reason \(the one given is blank\)/,
    build: () => { const x = kubernetes(); new AppNamespace(x.cluster, 'blog', { profile: 'isolated' }).allowEgress(Peer.fqdn('api.github.com'), [Port.HTTPS], { downgrade: Downgrade.skip(' \u3000 ') }); return x; } },
  { name: 'CiliumPolicy hardCodedIpReason that is invisible', path: 'lab/p', fix: /hardCodedIpReason of CiliumPolicy p needs a reason .* U\+200B/,
    build: () => { const x = cluster(); new CiliumPolicy(x.cluster, 'p', { namespace: 'blog', hardCodedIpReason: '\u200b', spec: { endpointSelector: {}, egress: [{ toCIDR: ['192.168.1.20/32'], toPorts: HTTPS }] } }); return x; } },

  // 3. Every port in disguise, in the typed API.
  ...([
    ['Port.tcpRange(2, 65535)', [Port.tcpRange(2, 65535)], /tcp ports 2-65535 \(65534 of 65535\)/],
    ['Port.tcpRange(1, 65535)', [Port.tcpRange(1, 65535)], /tcp ports 1-65535 \(65535 of 65535\)/],
    ['the unprivileged ports 1024-65535', [Port.tcpRange(1024, 65535)], /tcp ports 1024-65535/],
    ['Port.udpRange(1, 65535)', [Port.udpRange(1, 65535)], /udp ports 1-65535/],
    ['two adjacent ranges', [Port.tcpRange(1, 30000), Port.tcpRange(30001, 65535)], /tcp ports 1-65535 \(65535 of 65535\)/],
    ['three overlapping ranges', [Port.tcpRange(1, 20000), Port.tcpRange(15000, 40000), Port.tcpRange(39000, 50000)], /tcp ports 1-50000/],
  ] as [string, Port[], RegExp][]).map(([what, ports, problem]): Bypass => ({
    name: `allowIngress from the world on ${what}`, path: 'lab/kube-system', fix: new RegExp(`${problem.source}.*List the ports the peer needs, or say every port on purpose with \\[Port.any`),
    build: () => { const x = cluster(); new PlatformNamespace(x.cluster, 'kube-system').allowIngress(Peer.world(), ports); return x; },
  })),
  { name: 'a range split over two allowEgress calls', path: 'lab/blog', fix: /Together, the egress rules to entity:world of blog\/app open tcp ports 1-65535/,
    build: () => {
      const x = cluster();
      new AppNamespace(x.cluster, 'blog', { profile: 'isolated' }).allowEgress(Peer.world(), [Port.tcpRange(1, 32768)]).allowEgress(Peer.world(), [Port.tcpRange(32769, 65535)]);
      return x;
    } },
  { name: 'a range split over two Connections', path: 'lab/a', fix: /Together, the ingress rules from ns:blog of database\/a-ingress \(also from lab\/b\) open tcp ports 1-65535/,
    build: () => {
      const x = cluster();
      new Connection(x.cluster, 'a', { from: Peer.namespace('blog'), to: Peer.pods('database', WEB), ports: [Port.tcpRange(1, 32768)] });
      new Connection(x.cluster, 'b', { from: Peer.namespace('blog'), to: Peer.pods('database', WEB), ports: [Port.tcpRange(32769, 65535)] });
      return x;
    } },
  { name: 'a Connection on every port but one', path: 'lab/c', fix: /tcp ports 2-65535/,
    build: () => { const x = cluster(); new Connection(x.cluster, 'c', { from: Peer.namespace('blog'), to: Peer.pods('database', WEB), ports: [Port.tcpRange(2, 65535)] }); return x; } },
  { name: 'a shared service on every port', path: 'lab/minio', fix: /tcp ports 1-65535/,
    build: () => { const x = cluster(); new SharedService(x.cluster, 'minio', { peer: Peer.pods('storage', WEB), ports: [Port.tcpRange(1, 65535)] }); return x; } },
  { name: 'a profile admitting the world on every port', path: 'lab/public', fix: /tcp ports 1-65535/,
    build: () => { const x = cluster(); new Profile(x.cluster, 'public', { ingress: [{ peer: Peer.world(), ports: [Port.tcpRange(1, 65535)] }] }); return x; } },
  { name: 'appPorts covering every port', path: 'lab', fix: /appPorts open tcp ports 1-65535 .* List the ports pods serve on/,
    build: () => cluster({ appPorts: [Port.tcpRange(1, 65535)] }) },
  { name: 'metricsPorts from 1024 up', path: 'lab', fix: /metricsPorts open tcp ports 1024-65535 .* every pod admits Prometheus/,
    build: () => cluster({ metricsPorts: [Port.tcpRange(1024, 65535)] }) },

  // 3. Every port in disguise, in a hand-written CiliumPolicy.
  ...([
    ['port "0"', { fromEntities: ['world'], toPorts: [{ ports: [{ port: '0', protocol: 'TCP' }] }] }, /ports\[0\]\.port "0", which Cilium reads as every port/],
    ['port 0 as a number', { fromEntities: ['world'], toPorts: [{ ports: [{ port: 0 }] }] }, /port "0", which Cilium reads as every port/],
    ['port "00000"', { fromEntities: ['world'], toPorts: [{ ports: [{ port: '00000', protocol: 'ANY' }] }] }, /port "00000", which Cilium reads as every port/],
    ['a port without a number', { fromEntities: ['world'], toPorts: [{ ports: [{ protocol: 'TCP' }] }] }, /port is missing, which Cilium reads as every port/],
    ['toPorts: [{}]', { fromEntities: ['world'], toPorts: [{}] }, /toPorts\[0\] has no ports, which Cilium reads as every port/],
    ['toPorts: [{ ports: [] }]', { fromEntities: ['world'], toPorts: [{ ports: [] }] }, /toPorts\[0\] has no ports/],
    ['an L7-only toPorts entry', { fromEntities: ['world'], toPorts: [{ rules: { http: [{ method: 'GET' }] } }] }, /toPorts\[0\] has no ports/],
    ['icmps: [] instead of ports', { fromEntities: ['world'], icmps: [] }, /icmps lists no ICMP type, so the rule .* allows any port/],
    ['icmps: [{}] instead of ports', { fromEntities: ['world'], icmps: [{}] }, /icmps lists no ICMP type/],
    ['icmps with empty fields', { fromEntities: ['world'], icmps: [{ fields: [] }] }, /icmps lists no ICMP type/],
    ['endPort 65535 from port 1', { fromEntities: ['world'], toPorts: [{ ports: [{ port: '1', endPort: 65535, protocol: 'TCP' }] }] }, /tcp ports 1-65535 \(65535 of 65535\)/],
    ['endPort 65535 from port 1024', { fromEntities: ['world'], toPorts: [{ ports: [{ port: '1024', endPort: 65535, protocol: 'TCP' }] }] }, /tcp ports 1024-65535/],
    ['two adjacent ranges in one entry', { fromEntities: ['world'], toPorts: [{ ports: [{ port: '1', endPort: 40000, protocol: 'TCP' }, { port: '40001', endPort: 65535, protocol: 'TCP' }] }] }, /tcp ports 1-65535/],
    ['two adjacent ranges in two entries', { fromEntities: ['world'], toPorts: [{ ports: [{ port: '1', endPort: 40000, protocol: 'UDP' }] }, { ports: [{ port: '40001', endPort: 65535, protocol: 'UDP' }] }] }, /udp ports 1-65535/],
    ['an ANY-protocol range over half the ports', { fromEntities: ['world'], toPorts: [{ ports: [{ port: '1', endPort: 40000 }] }] }, /sctp ports 1-40000 .* and tcp ports 1-40000 .* and udp ports 1-40000/],
    ['lowercase protocol ranges', { fromEntities: ['world'], toPorts: [{ ports: [{ port: '2', endPort: 65535, protocol: 'tcp' }] }] }, /tcp ports 2-65535/],
  ] as [string, Record<string, unknown>, RegExp][]).flatMap(([what, rule, problem]): Bypass[] => [
    { name: `CiliumPolicy ingress with ${what}`, path: 'lab/p', fix: new RegExp(`CiliumPolicy shop/p is refused:[\\s\\S]*spec\\.ingress\\[0\\][\\s\\S]*${problem.source}`), build: () => cilium(rule, { namespace: 'shop' }) },
  ]),
  ...([
    ['port "0"', { toEntities: ['world'], toPorts: [{ ports: [{ port: '0' }] }] }, /port "0", which Cilium reads as every port/],
    ['toPorts: [{}]', { toEndpoints: [{}], toPorts: [{}] }, /toPorts\[0\] has no ports/],
    ['icmps: []', { toEntities: ['world'], icmps: [] }, /icmps lists no ICMP type/],
    ['endPort 65535', { toEntities: ['world'], toPorts: [{ ports: [{ port: '2', endPort: 65535, protocol: 'TCP' }] }] }, /tcp ports 2-65535/],
  ] as [string, Record<string, unknown>, RegExp][]).map(([what, rule, problem]): Bypass => ({
    name: `CiliumPolicy egress with ${what}`, path: 'lab/p', fix: new RegExp(`spec\\.egress\\[0\\][\\s\\S]*${problem.source}`), build: () => cilium(rule, { namespace: 'shop', direction: 'egress' }),
  })),

  // 4. Address blocks that reach every pod and the LAN on NetworkPolicy.
  ...([
    [['0.0.0.0/0'], /reaches all of 10.0.0.0\/8, 100.64.0.0\/10, 169.254.0.0\/16, 172.16.0.0\/12, 192.168.0.0\/16/],
    [['::/0'], /reaches all of fc00::\/7, fe80::\/10/],
    [['0.0.0.0/1', '128.0.0.0/1'], /reaches all of 10.0.0.0\/8/],
    [['10.0.0.0/8'], /reaches all of 10.0.0.0\/8:/],
    [['10.0.0.0/9', '10.128.0.0/9'], /reaches all of 10.0.0.0\/8:/],
    [['192.168.0.0/16'], /reaches all of 192.168.0.0\/16/],
    [['172.0.0.0/8'], /reaches all of 172.16.0.0\/12/],
  ] as [string[], RegExp][]).map(([cidrs, problem]): Bypass => ({
    name: `Downgrade.toCidrs(${JSON.stringify(cidrs)})`, path: 'lab/blog',
    fix: new RegExp(`${problem.source}.*every pod of the cluster and the whole LAN.*for "the internet" write the rule with Peer.world\\(\\)`),
    build: () => {
      const x = kubernetes();
      new AppNamespace(x.cluster, 'blog', { profile: 'isolated' }).allowEgress(Peer.fqdn('api.github.com'), [Port.HTTPS], { downgrade: Downgrade.toCidrs(cidrs, 'GitHub, somewhere on the internet') });
      return x;
    },
  })),
  ...([['0.0.0.0/0', []], ['10.0.0.0/8', []], ['::/0', ['fc00::/7']], ['0.0.0.0/0', ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']]] as [string, string[]][])
    .map(([cidr, except]): Bypass => ({
      name: `Peer.cidr('${cidr}'${except.length ? `, except ${except.join(' ')}` : ''}) on NetworkPolicy`, path: 'lab/blog',
      fix: /reaches all of .*a NetworkPolicy ipBlock matches pod addresses too.*For the internet use Peer.world\(\).*except: \[/,
      build: () => { const x = kubernetes(); new AppNamespace(x.cluster, 'blog', { profile: 'isolated' }).allowEgress(Peer.cidr(cidr, { reason: 'the backup target', except }), [Port.HTTPS]); return x; },
    })),

  // 5. Design peers that reach every namespace.
  ...([
    ['prometheus', { prometheus: Peer.allPods() }, /prometheus peer is ns:\*, every pod of every namespace/],
    ['prometheus by pod labels', { prometheus: Peer.allPods({ 'app.kubernetes.io/name': 'prometheus' }) }, /prometheus peer is pods:\*\{app.kubernetes.io\/name=prometheus\}, pods labelled .* in every namespace \(any pod anyone creates/],
    ['prometheus as the cluster entity', { prometheus: Peer.entity(Entity.CLUSTER) }, /prometheus peer is entity:cluster, every endpoint of the cluster/],
    ['dnsServer', { dnsServer: Peer.allPods() }, /dnsServer peer is ns:\*/],
    ['dnsServer by pod labels', { dnsServer: Peer.allPods({ 'k8s-app': 'kube-dns' }) }, /dnsServer peer is pods:\*\{k8s-app=kube-dns\}/],
    ['dnsServer as the world', { dnsServer: Peer.world() }, /dnsServer peer is entity:world, the internet/],
    ['the internal gateway', { gateways: { internal: Peer.allPods() } }, /gateways.internal peer is ns:\*, every pod of every namespace: .* would pass as the gateway/],
    ['the external gateway by pod labels', { gateways: { internal: Peer.pods('istio-gateway', { gw: 'internal' }), external: Peer.allPods({ gw: 'external' }) } }, /gateways.external peer is pods:\*\{gw=external\}/],
    ['a gateway as entity all', { gateways: { internal: Peer.entity(Entity.ALL) } }, /gateways.internal peer is entity:all, every endpoint and the internet/],
  ] as [string, NetpolClusterProps, RegExp][]).map(([what, props, problem]): Bypass => ({
    name: `cluster ${what} set to every namespace`, path: 'lab', fix: new RegExp(`${problem.source}.*Name the pods it runs as: .*Peer.pods\\('<namespace>'`),
    build: () => cluster(props),
  })),
  ...([
    ['Peer.allPods()', Peer.allPods(), /runs on ns:\*, every pod of every namespace: .*server side \(access-cache-server\) would select all of those pods/],
    ['Peer.allPods(labels)', Peer.allPods(WEB), /runs on pods:\*\{app.kubernetes.io\/name=web\}, pods labelled/],
    ['the cluster entity', Peer.entity(Entity.CLUSTER), /runs on entity:cluster, every endpoint of the cluster \(entity cluster\): namespaces labelled access.network-policy.homelab\/cache=true would reach all of it\./],
    ['entity all', Peer.entity(Entity.ALL), /runs on entity:all/],
  ] as [string, Peer, RegExp][]).map(([what, peer, problem]): Bypass => ({
    name: `SharedService on ${what}`, path: 'lab/cache', fix: new RegExp(`Shared service "cache" ${problem.source}.*Name the pods that serve it: peer: Peer.pods\\(`),
    build: () => { const x = cluster(); new SharedService(x.cluster, 'cache', { peer, ports: [Port.REDIS] }); return x; },
  })),

  // 6. Every pod exposed to the internet.
  ...([
    ['Peer.world() to Peer.allPods()', Peer.world(), Peer.allPods(), /Ingress from entity:world into world-ingress exposes every pod of every namespace to the outside/],
    ['entity all to Peer.allPods()', Peer.entity(Entity.ALL), Peer.allPods(), /Ingress from entity:all into world-ingress exposes every pod/],
    ['Peer.world() to Peer.allPods(labels)', Peer.world(), Peer.allPods(WEB), /exposes pods labelled app.kubernetes.io\/name=web in every namespace \(which any pod anyone creates can carry\)/],
    ['Peer.cidr(0.0.0.0/0) to Peer.allPods()', Peer.cidr('0.0.0.0/0', { reason: 'everyone' }), Peer.allPods(), /Ingress from cidr:0.0.0.0\/0 into world-ingress exposes every pod/],
    ['a public /32 to Peer.allPods()', Peer.cidr('203.0.113.7/32', { reason: 'the uptime checker' }), Peer.allPods(), /Ingress from cidr:203.0.113.7\/32/],
  ] as [string, Peer, Peer, RegExp][]).flatMap(([what, from, to, problem]): Bypass[] => [
    { name: `Connection from ${what}`, path: 'lab/world', fix: new RegExp(`${problem.source}.*Name the namespace of the pods that serve it: Peer.pods\\('<namespace>'`),
      build: () => { const x = cluster(); new Connection(x.cluster, 'world', { from, to, ports: [Port.HTTPS] }); return x; } },
  ]),
  { name: 'Connection from the world to every pod on NetworkPolicy', path: 'lab/world', fix: /Ingress from entity:world into world-ingress exposes every pod of every namespace/,
    build: () => { const x = kubernetes(); new Connection(x.cluster, 'world', { from: Peer.world(), to: Peer.allPods(), ports: [Port.HTTPS] }); return x; } },
  ...([
    ['fromEntities: [world], endpointSelector {}', { fromEntities: ['world'], toPorts: HTTPS }, {}],
    ['fromEntities: [all], endpointSelector {}', { fromEntities: ['all'], toPorts: HTTPS }, {}],
    ['fromEntities: [world-ipv4]', { fromEntities: ['world-ipv4'], toPorts: HTTPS }, {}],
    ['fromEntities: [world], no endpointSelector', { fromEntities: ['world'], toPorts: HTTPS }, undefined],
    ['fromEntities: [world], pod labels only', { fromEntities: ['world'], toPorts: HTTPS }, { matchLabels: { 'k8s:app': 'web' } }],
    ['fromEntities: [world], namespace Exists', { fromEntities: ['world'], toPorts: HTTPS }, { matchExpressions: [{ key: 'io.kubernetes.pod.namespace', operator: 'Exists' }] }],
    ['fromEntities: [world], namespace NotIn kube-system', { fromEntities: ['world'], toPorts: HTTPS }, { matchExpressions: [{ key: 'k8s:io.kubernetes.pod.namespace', operator: 'NotIn', values: ['kube-system'] }] }],
    ['fromCIDRSet 0.0.0.0/0', { fromCIDRSet: [{ cidr: '0.0.0.0/0' }], toPorts: HTTPS }, {}],
  ] as [string, Record<string, unknown>, unknown][]).map(([what, rule, endpointSelector]): Bypass => ({
    name: `cluster-wide CiliumPolicy with ${what}`, path: 'lab/p',
    fix: /spec\.ingress\[0\] admits .* into a cluster-wide policy whose endpointSelector pins no namespace: that exposes pods of every namespace .* Make it a CiliumNetworkPolicy in the namespace of the pods that serve it/,
    build: () => {
      const { app, cluster: c } = cluster();
      const spec = { ...(endpointSelector !== undefined ? { endpointSelector } : {}), ingress: [rule] };
      new CiliumPolicy(c, 'p', { spec, ...(JSON.stringify(rule).includes('CIDR') ? { hardCodedIpReason: 'everyone' } : {}) });
      return app;
    },
  })),
];

describe('guardrails without a bypass', () => {
  test('the corpus holds every kind of attempt', () => {
    expect(bypasses.length).toBeGreaterThanOrEqual(79);
    expect(new Set(bypasses.map((b) => b.name)).size).toBe(bypasses.length);
  });

  test.each(bypasses.map((b) => [b.name, b] as const))('fails for %s, naming the construct and the fix', async (_, bypass) => {
    const error = await refusal(bypass.build);
    expect(error.message).toContain(`[${bypass.path}]`);
    expect(error.message).toMatch(bypass.fix);
  });
});

describe('what the guardrails still accept', () => {
  test.each([
    ['NodePorts 30000-32767', [Port.tcpRange(30000, 32767)]],
    ['the Linux ephemeral range', [Port.tcpRange(32768, 60999)]],
    ['WebRTC relays, both protocols', [Port.udpRange(49152, 65535), Port.tcpRange(49152, 65535)]],
    ['exactly half the ports', [Port.tcpRange(1, 32768)]],
  ] as [string, Port[]][])('a rule on %s', async (_, ports) => {
    const { app, cluster: c } = cluster();
    new PlatformNamespace(c, 'media').allowIngress(Peer.world(), ports);
    await expect(synthesizeFiles(app)).resolves.toBeDefined();
  });

  test('disableEnforcement with a visible reason, on a platform namespace too, writes the reason into the Namespace', async () => {
    const { app, cluster: c } = cluster();
    new PlatformNamespace(c, 'kube-system', { disableEnforcement: { reason: '  INC-42:\n debugging   dropped traffic ' } });
    new AppNamespace(c, 'blog', { profile: 'standard', disableEnforcement: { reason: 'Привет: проверка сети' } });
    const system = await synthObject(app, 'Namespace kube-system');
    expect(system.metadata.labels['network-policy.homelab/enforcement']).toBe('disabled');
    expect(system.metadata.annotations['network-policy.homelab/enforcement-reason']).toBe('INC-42: debugging dropped traffic');
    expect((await synthObject(app, 'Namespace blog')).metadata.annotations['network-policy.homelab/enforcement-reason']).toBe('Привет: проверка сети');
  });

  test('the internet, excepting the private ranges, and a narrow LAN downgrade on NetworkPolicy', async () => {
    const { app, cluster: c } = kubernetes();
    new AppNamespace(c, 'blog', { profile: 'isolated' })
      .allowEgress(Peer.cidr('0.0.0.0/0', { reason: 'any mirror', except: PRIVATE }), [Port.HTTPS])
      .allowEgress(Peer.fqdn('nas.lan'), [Port.tcp(2049)], { downgrade: Downgrade.toCidrs(['192.168.1.0/24'], 'the NAS VLAN') });
    await expect(synthesizeFiles(app)).resolves.toBeDefined();
  });

  test('the world into pods of a named namespace, typed and hand-written', async () => {
    const { app, cluster: c } = cluster();
    new Connection(c, 'public', { from: Peer.world(), to: Peer.pods('istio-gateway', { gw: 'external' }), ports: [Port.HTTPS] });
    new CiliumPolicy(c, 'gw', {
      spec: { endpointSelector: { matchLabels: { 'io.kubernetes.pod.namespace': 'istio-gateway' } }, ingress: [{ fromEntities: ['world'], toPorts: HTTPS }] },
    });
    new CiliumPolicy(c, 'ping', { namespace: 'shop', spec: { endpointSelector: {}, ingress: [{ fromEntities: ['world'], icmps: [{ fields: [{ type: 8, family: 'IPv4' }] }] }] } });
    await expect(synthesizeFiles(app)).resolves.toBeDefined();
  });

  test('design peers pinned to a namespace, by name or by namespace labels', async () => {
    const { app } = cluster({
      prometheus: Peer.namespacesLabelled({ 'monitoring.example/prometheus': 'true' }, { app: 'prometheus' }),
      dnsServer: Peer.pods('kube-system', { 'k8s-app': 'kube-dns' }),
    });
    await expect(synthesizeFiles(app)).resolves.toBeDefined();
  });
});
