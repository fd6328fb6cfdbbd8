import type { Manifest } from '../manifests/manifest';
import { fluxPortStandIn, hasFluxExpression } from '../model/flux-substitution';
import { NAMESPACE_LABELS_PREFIX, normalizeCiliumKey, POD_NAMESPACE_LABEL, RESERVED_PREFIX } from './cilium-labels';
import { CILIUM_ENTITIES, type CiliumEntity } from './entity';
import { compileFqdnSelector, type FqdnSelector } from './fqdn';
import { parsePort, PROTOCOLS, type Protocol } from './flow';
import { asObject, cidrField, selectorField, type Fail, type Json } from './policy-fields';
import { policyError } from './policy-error';
import { policyLabel, type PolicyRef } from './policy-ref';
import { describePort, type PortMatcher } from './port-matcher';
import type { CompiledPolicy, Direction, PeerMatcher, PolicyRule, PolicySection } from './rule';
import { withRequirement, type Selector } from './selector';

/** What compiling a Cilium policy produced. */
export interface CompiledCiliumPolicy {
  /** One compiled policy per rule of `spec`/`specs` that selects endpoints. */
  readonly policies: CompiledPolicy[];
  /** What the simulator does not model in this policy (host policies, `toServices`, ...). */
  readonly notices: string[];
  /** The notices of host policies (`nodeSelector`): they touch flows from and to the nodes. */
  readonly hostNotices: string[];
}

/** What every part of one policy's compilation needs: who it is, where it applies, how to fail and report. */
interface PolicyContext {
  readonly ref: PolicyRef;
  /** The CNP's namespace; undefined for a CCNP. */
  readonly namespace: string | undefined;
  readonly fail: Fail;
  readonly notices: string[];
  readonly hostNotices: string[];
}

/** The context of one spec's rules: the policy's, plus whether its subject is `reserved:init` endpoints. */
interface SpecContext extends PolicyContext {
  /**
   * Whether the spec's `endpointSelector` names `reserved:init`: a CCNP's peer selectors then get
   * no `io.kubernetes.pod.namespace Exists` (utils.go getEndpointSelector `matchesInit`).
   */
  readonly matchesInit: boolean;
  /** What the spec's rules leave unmodelled, for the flows of the endpoints it selects (`CompiledPolicy.notices`). */
  readonly flowNotices: string[];
}

const SECTIONS = ['ingress', 'ingressDeny', 'egress', 'egressDeny'] as const;
const INGRESS_PEERS = ['fromEndpoints', 'fromEntities', 'fromCIDR', 'fromCIDRSet'];
const EGRESS_PEERS = ['toEndpoints', 'toEntities', 'toCIDR', 'toCIDRSet', 'toFQDNs'];
/** The label of endpoints whose identity is not yet known (pkg/labels: `reserved:init`). */
const INIT_LABEL = `${RESERVED_PREFIX}init`;
/** Peer fields the simulator does not model: a rule that uses only these matches nothing here. */
const UNMODELLED_PEERS = ['fromRequires', 'fromGroups', 'fromNodes', 'toRequires', 'toGroups', 'toNodes', 'toServices'];

/**
 * Compiles a CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy (cilium.io/v2) into the
 * simulator's internal form, following docs.cilium.io "Policy Language" and
 * pkg/k8s/apis/cilium.io/utils/utils.go (ParseToCiliumRule):
 *
 * - a CNP `endpointSelector` only selects endpoints of the policy's namespace;
 * - a CNP peer selector without `io.kubernetes.pod.namespace` (and without
 *   `io.cilium.k8s.namespace.labels.*` keys) means the policy's namespace; in a CCNP it means any
 *   namespace, but only pods (utils.go adds `io.kubernetes.pod.namespace Exists`); selectors on
 *   `reserved:` labels are left alone;
 * - a section (`ingress`, `ingressDeny`, `egress`, `egressDeny`) counts only when it has at least
 *   one rule: `ingress: []` does not create default-deny (pkg/policy/api/rule.go Sanitize:
 *   `len(r.Ingress) > 0 || len(r.IngressDeny) > 0`); `ingress: [{}]` does, and allows nothing;
 * - a rule with `toPorts` but no peer field allows every peer on those ports (Layer 4 policy
 *   "to any layer 3 destination"); a rule with peers but no `toPorts` allows every port;
 * - `enableDefaultDeny.<direction>: false` makes the policy's rules only add allows;
 * - ports: `protocol` defaults to ANY; port `0` or no port means every port; a non-numeric port
 *   is a named port; `endPort` makes a range.
 *
 * @param manifest the policy
 * @throws InputError naming the file, the policy and the field on anything the engine cannot read
 */
export function compileCiliumPolicy(manifest: Manifest): CompiledCiliumPolicy {
  const fail: Fail = (message) => { throw policyError(manifest, message); };
  const object = manifest.object;
  const clusterwide = object.kind === 'CiliumClusterwideNetworkPolicy';
  const namespace = clusterwide ? undefined : object.metadata.namespace ?? 'default';
  const ref: PolicyRef = clusterwide
    ? { kind: 'CiliumClusterwideNetworkPolicy', name: object.metadata.name }
    : { kind: 'CiliumNetworkPolicy', namespace, name: object.metadata.name };
  const specs: { spec: unknown; field: string }[] = [];
  if (object.spec !== undefined && object.spec !== null) specs.push({ spec: object.spec, field: 'spec' });
  if (object.specs !== undefined && object.specs !== null) {
    if (!Array.isArray(object.specs)) fail('specs: expected a list of rules');
    (object.specs as unknown[]).forEach((spec, i) => specs.push({ spec, field: `specs[${i}]` }));
  }
  if (specs.length === 0) fail('spec: missing; a Cilium policy needs spec or specs');
  const context: PolicyContext = { ref, namespace, fail, notices: [], hostNotices: [] };
  const policies = specs.flatMap(({ spec, field }) => compileSpec(context, asObject(spec, field, fail), field) ?? []);
  return { policies, notices: context.notices, hostNotices: context.hostNotices };
}

function compileSpec(context: PolicyContext, spec: Json, field: string): CompiledPolicy | undefined {
  const { ref, namespace, fail, notices } = context;
  const label = policyLabel(ref);
  if (spec.endpointSelector === undefined) {
    if (spec.nodeSelector !== undefined) {
      const notice = `${label} ${field}: nodeSelector (host policy) is not modelled; the rule is ignored.`;
      notices.push(notice);
      context.hostNotices.push(notice);
      return undefined;
    }
    fail(`${field}.endpointSelector: missing; use {} to select every endpoint${namespace ? ' of the namespace' : ''}`);
  }
  let subject = selectorField(spec.endpointSelector, `${field}.endpointSelector`, fail, normalizeCiliumKey, 'cilium');
  const specContext: SpecContext = { ...context, matchesInit: subject.requirements.some((r) => r.key === INIT_LABEL), flowNotices: [] };
  // utils.go ParseToCiliumRule: a CNP endpointSelector always applies in the policy's namespace;
  // a namespace match naming another namespace is dropped with a warning (AddMatch overwrites it).
  if (namespace !== undefined) {
    const foreign = subject.requirements.filter((r) => r.key === POD_NAMESPACE_LABEL && r.operator === 'In' && !(r.values.length === 1 && r.values[0] === namespace));
    if (foreign.length > 0) {
      notices.push(`${label} ${field}.endpointSelector names namespace ${foreign.flatMap((r) => r.values).join(', ')}; Cilium ignores that and applies the policy in ${namespace}.`);
      subject = { requirements: subject.requirements.filter((r) => !foreign.includes(r)), text: subject.text };
    }
    subject = withRequirement(subject, { key: POD_NAMESPACE_LABEL, operator: 'In', values: [namespace] });
  }
  const defaultDeny = enableDefaultDeny(spec.enableDefaultDeny, `${field}.enableDefaultDeny`, fail);
  const sections: Partial<Record<Direction, PolicySection>> = {};
  for (const direction of ['ingress', 'egress'] as const) {
    const rules: PolicyRule[] = [];
    for (const key of SECTIONS.filter((s) => s.startsWith(direction))) {
      const list = spec[key];
      if (list === undefined || list === null) continue;
      if (!Array.isArray(list)) fail(`${field}.${key}: expected a list of rules`);
      (list as unknown[]).forEach((rule, i) => {
        const path = `${field === 'spec' ? '' : `${field}.`}${key}[${i}]`;
        rules.push(compileRule(specContext, direction, key.endsWith('Deny') ? 'deny' : 'allow', rule, path, `${field}.${key}[${i}]`));
      });
    }
    if (rules.length > 0) sections[direction] = { defaultDeny: defaultDeny[direction], rules };
  }
  const flowNotices = [...new Set(specContext.flowNotices)];
  return { ref, subject: { kind: 'endpoints', ...(namespace ? { namespace } : {}), selector: subject }, ...sections, ...(flowNotices.length ? { notices: flowNotices } : {}) };
}

function enableDefaultDeny(value: unknown, field: string, fail: Fail): Record<Direction, boolean> {
  if (value === undefined || value === null) return { ingress: true, egress: true };
  const object = asObject(value, field, fail);
  const result = { ingress: true, egress: true };
  for (const [key, v] of Object.entries(object)) {
    if (key !== 'ingress' && key !== 'egress') fail(`${field}.${key}: unknown field; use ingress and/or egress`);
    if (typeof v !== 'boolean') fail(`${field}.${key}: expected true or false, got ${JSON.stringify(v)}`);
    result[key as Direction] = v as boolean;
  }
  return result;
}

/** Compiles one rule; `path` is where `by` explanations say it is (`egress[0]`), `field` where errors say (`spec.egress[0]`). */
function compileRule(context: SpecContext, direction: Direction, action: 'allow' | 'deny', value: unknown, path: string, field: string): PolicyRule {
  const { ref, fail } = context;
  const notice = (text: string): void => {
    context.notices.push(text);
    context.flowNotices.push(text);
  };
  const rule = asObject(value ?? {}, field, fail);
  if (rule.authentication !== undefined && rule.authentication !== null) {
    notice(`${policyLabel(ref)} ${field}.authentication (mutual authentication) is not modelled; the rule is decided as if the peers were authenticated.`);
  }
  const peerKeys = direction === 'ingress' ? INGRESS_PEERS : EGRESS_PEERS;
  const allowed = [...peerKeys, ...UNMODELLED_PEERS, 'toPorts', 'icmps', 'authentication'];
  for (const key of Object.keys(rule)) {
    if (!allowed.includes(key)) fail(`${field}.${key}: unknown or misplaced field; a${action === 'deny' ? ' deny' : 'n'} ${direction} rule has ${[...peerKeys, 'toPorts', 'icmps'].join(', ')}`);
    if (key === 'toFQDNs' && action === 'deny') fail(`${field}.toFQDNs: not allowed in egressDeny (Cilium does not support FQDN deny rules)`);
  }
  const peers: PeerMatcher[] = [];
  const texts: string[] = [];
  let hasPeerField = false;
  for (const key of [...peerKeys, ...UNMODELLED_PEERS]) {
    const list = rule[key];
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list)) fail(`${field}.${key}: expected a list`);
    if ((list as unknown[]).length === 0) continue;
    hasPeerField = true;
    if (UNMODELLED_PEERS.includes(key)) {
      notice(`${policyLabel(ref)} ${field}.${key} is not modelled; those peers never match in the simulation.`);
      continue;
    }
    const compiled = compilePeers(key, list as unknown[], context, `${field}.${key}`);
    peers.push(...compiled.peers);
    texts.push(`${key} ${compiled.text}`);
  }
  const { ports, dnsNames, layer7 } = compileToPorts(rule.toPorts, rule.icmps, `${field}`, action, fail);
  for (const at of layer7) notice(`${policyLabel(ref)} ${at} (layer 7) is not modelled; flows are decided at layer 4, and the proxy may still refuse requests.`);
  if (!hasPeerField && ports !== undefined) peers.push({ kind: 'any' });
  const peerText = hasPeerField ? texts.join(' or ') || 'unmodelled peers' : ports !== undefined ? 'any peer' : 'no peer';
  const portText = ports === undefined ? 'any port' : ports.length === 0 ? 'no TCP/UDP/SCTP port' : ports.map(describePort).join(', ');
  return { policy: ref, action, path, peers, ...(ports ? { ports } : {}), dnsNames, text: `${peerText} on ${portText}${dnsNames.length ? ` (DNS proxy: ${dnsNames.map((d) => d.text).join(', ')})` : ''}` };
}

function compilePeers(key: string, list: unknown[], context: SpecContext, field: string): { peers: PeerMatcher[]; text: string } {
  const { fail } = context;
  switch (key) {
    case 'fromEndpoints':
    case 'toEndpoints': {
      const selectors = list.map((s, i) => endpointSelector(s, context, `${field}[${i}]`));
      return { peers: selectors.map((s) => ({ kind: 'endpoints', selector: s })), text: list.map((s, i) => describeEndpointSelector(s, selectors[i])).join(', ') };
    }
    case 'fromEntities':
    case 'toEntities': {
      list.forEach((e, i) => {
        if (!(CILIUM_ENTITIES as readonly unknown[]).includes(e)) fail(`${field}[${i}]: ${JSON.stringify(e)} is not a Cilium entity; use one of ${CILIUM_ENTITIES.join(', ')}`);
      });
      return { peers: [{ kind: 'entities', entities: list as CiliumEntity[] }], text: (list as string[]).join(', ') };
    }
    case 'fromCIDR':
    case 'toCIDR': {
      const peers = list.map((c, i) => ({ kind: 'cidr' as const, cidr: cidrField(c, `${field}[${i}]`, fail), except: [] }));
      return { peers, text: peers.map((p) => p.cidr.text).join(', ') };
    }
    case 'fromCIDRSet':
    case 'toCIDRSet': {
      const peers = list.flatMap((entry, i) => {
        const at = `${field}[${i}]`;
        const set = asObject(entry, at, fail);
        if (set.cidr === undefined && (set.cidrGroupRef !== undefined || set.cidrGroupSelector !== undefined)) {
          // Valid Cilium (a CiliumCIDRGroup's blocks, pkg/policy/api/cidr.go CIDRRule); the groups are not read.
          const text = `${policyLabel(context.ref)} ${at} (cidrGroupRef/cidrGroupSelector) is not modelled; it matches no address in the simulation.`;
          context.notices.push(text);
          context.flowNotices.push(text);
          return [];
        }
        const exceptList = set.except ?? [];
        if (!Array.isArray(exceptList)) fail(`${at}.except: expected a list of CIDR blocks`);
        return [{ kind: 'cidr' as const, cidr: cidrField(set.cidr, `${at}.cidr`, fail), except: (exceptList as unknown[]).map((e, j) => cidrField(e, `${at}.except[${j}]`, fail)) }];
      });
      return { peers, text: peers.map((p) => `${p.cidr.text}${p.except.length ? ` except ${p.except.map((e) => e.text).join(', ')}` : ''}`).join(', ') };
    }
    default: {
      const selectors: FqdnSelector[] = list.map((f, i) => {
        const compiled = compileFqdnSelector(f, `${field}[${i}]`);
        return typeof compiled === 'string' ? fail(compiled) : compiled;
      });
      return { peers: [{ kind: 'fqdn', selectors }], text: selectors.map((s) => s.text).join(', ') };
    }
  }
}

/**
 * utils.go getEndpointSelector: the namespace scoping Cilium adds to peer selectors. A CCNP adds
 * `io.kubernetes.pod.namespace Exists` unless its subject is `reserved:init` endpoints, which
 * carry no namespace label (`matchesInit`); a CNP always scopes to its namespace.
 */
function endpointSelector(value: unknown, context: SpecContext, field: string): Selector {
  const { namespace, fail } = context;
  const s = selectorField(value ?? {}, field, fail, normalizeCiliumKey, 'cilium');
  const keys = s.requirements.map((r) => r.key);
  if (keys.some((k) => k.startsWith(RESERVED_PREFIX))) return s;
  if (keys.includes(POD_NAMESPACE_LABEL)) return s;
  if (namespace === undefined) return context.matchesInit ? s : withRequirement(s, { key: POD_NAMESPACE_LABEL, operator: 'Exists', values: [] });
  if (keys.some((k) => k.startsWith(NAMESPACE_LABELS_PREFIX))) return s;
  return withRequirement(s, { key: POD_NAMESPACE_LABEL, operator: 'In', values: [namespace] });
}

function describeEndpointSelector(written: unknown, compiled: Selector): string {
  const scoped = compiled.requirements.find((r) => r.key === POD_NAMESPACE_LABEL);
  const writtenScope = typeof written === 'object' && written !== null && JSON.stringify(written).includes(POD_NAMESPACE_LABEL);
  if (!scoped || writtenScope) return compiled.text;
  return scoped.operator === 'Exists' ? `${compiled.text} in any namespace` : `${compiled.text} in ${scoped.values[0]}`;
}

/** The kinds of `toPorts[].rules`, of which a rule sets exactly one (pkg/policy/api/l4.go L7Rules, the CRD's oneOf). */
const L7_RULE_KINDS = ['http', 'kafka', 'dns', 'l7proto'];

/** Layer-7 rule kinds of `toPorts[].rules` besides `dns` (pkg/policy/api/l4.go L7Rules). */
const LAYER7_RULES = ['http', 'kafka', 'l7proto', 'l7'];

function compileToPorts(value: unknown, icmps: unknown, field: string, action: 'allow' | 'deny', fail: Fail): { ports?: PortMatcher[]; dnsNames: FqdnSelector[]; layer7: string[] } {
  const hasIcmp = Array.isArray(icmps) && icmps.length > 0;
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) {
    // A rule limited to ICMP types matches no TCP/UDP/SCTP flow.
    return hasIcmp ? { ports: [], dnsNames: [], layer7: [] } : { dnsNames: [], layer7: [] };
  }
  if (!Array.isArray(value)) return fail(`${field}.toPorts: expected a list of {ports, rules}`);
  const ports: PortMatcher[] = [];
  const dnsNames: FqdnSelector[] = [];
  const layer7: string[] = [];
  value.forEach((entry, i) => {
    const at = `${field}.toPorts[${i}]`;
    const portRule = asObject(entry, at, fail);
    for (const key of Object.keys(portRule)) {
      if (!['ports', 'rules', 'terminatingTLS', 'originatingTLS', 'serverNames', 'listener'].includes(key)) fail(`${at}.${key}: unknown field; toPorts entries have ports and rules`);
    }
    if (portRule.rules !== undefined && portRule.rules !== null) {
      if (action === 'deny') fail(`${at}.rules: layer-7 rules are not allowed in deny rules`);
      const rules = asObject(portRule.rules, `${at}.rules`, fail);
      // The CRD's L7Rules is a oneOf: exactly one of http, kafka, dns, l7proto (with l7); the API
      // server prunes an unknown field (`HTTP`) and then refuses the rules left empty.
      const unknown = Object.keys(rules).find((key) => ![...L7_RULE_KINDS, 'l7'].includes(key));
      if (unknown !== undefined) {
        const near = L7_RULE_KINDS.find((kind) => kind === unknown.toLowerCase());
        fail(`${at}.rules.${unknown}: unknown field; layer-7 rules are one of ${L7_RULE_KINDS.join(', ')}${near ? `. Did you mean "${near}"?` : ''}`);
      }
      const kinds = L7_RULE_KINDS.filter((kind) => rules[kind] !== undefined && rules[kind] !== null);
      if (kinds.length !== 1) fail(`${at}.rules: set exactly one of ${L7_RULE_KINDS.join(', ')}${kinds.length ? `, not ${kinds.join(' and ')}` : ''}`);
      for (const kind of LAYER7_RULES) if (rules[kind] !== undefined && rules[kind] !== null) layer7.push(`${at}.rules.${kind}`);
      if (rules.dns !== undefined && rules.dns !== null) {
        if (!Array.isArray(rules.dns)) fail(`${at}.rules.dns: expected a list of {matchName} or {matchPattern}`);
        (rules.dns as unknown[]).forEach((d, k) => {
          const compiled = compileFqdnSelector(d, `${at}.rules.dns[${k}]`);
          dnsNames.push(typeof compiled === 'string' ? fail(compiled) : compiled);
        });
      }
    }
    const list = portRule.ports ?? [];
    if (!Array.isArray(list)) fail(`${at}.ports: expected a list of {port, endPort, protocol}`);
    if ((list as unknown[]).length === 0) ports.push({ protocol: 'ANY' });
    (list as unknown[]).forEach((p, j) => {
      const compiled = compilePort(p, `${at}.ports[${j}]`, fail);
      if (compiled) ports.push(compiled);
    });
  });
  return { ports, dnsNames, layer7 };
}

/** Compiles one port; undefined for protocols that are not TCP/UDP/SCTP (they match no probe). */
function compilePort(value: unknown, field: string, fail: Fail): PortMatcher | undefined {
  const port = asObject(value, field, fail);
  for (const key of Object.keys(port)) {
    if (!['port', 'endPort', 'protocol'].includes(key)) fail(`${field}.${key}: unknown field; a port has port, endPort and protocol`);
  }
  const protocol = port.protocol ?? 'ANY';
  if (protocol === 'ICMP' || protocol === 'ICMPV6' || protocol === 'VRRP' || protocol === 'IGMP') return undefined;
  if (!([...PROTOCOLS, 'ANY'] as readonly unknown[]).includes(protocol)) fail(`${field}.protocol: ${JSON.stringify(protocol)} is not one of TCP, UDP, SCTP, ANY`);
  const proto = protocol as Protocol | 'ANY';
  // A Flux expression (`port: "${VPN_PORT}"`) is a number once substituted: simulate its stand-in.
  const raw = hasFluxExpression(port.port) ? fluxPortStandIn(port.port) : port.port;
  if (raw === undefined || raw === 0 || raw === '0') {
    if (port.endPort !== undefined && port.endPort !== 0) fail(`${field}.endPort: needs a port`);
    return { protocol: proto };
  }
  if (typeof raw === 'string' && !/^\d+$/.test(raw)) {
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(raw)) fail(`${field}.port: "${raw}" is not a port number or a valid port name`);
    return { protocol: proto, name: raw };
  }
  const number = parsePort(raw);
  if (number === undefined) return fail(`${field}.port: ${JSON.stringify(raw)} is not a port number 1-65535 (write it as a string, e.g. "80")`);
  if (port.endPort === undefined || port.endPort === 0) return { protocol: proto, port: number };
  const end = port.endPort;
  if (typeof end !== 'number' || !Number.isInteger(end) || end < number || end > 65535) return fail(`${field}.endPort: ${JSON.stringify(end)} must be a port number >= port ${number}`);
  return { protocol: proto, port: number, endPort: end };
}

