import { Port } from '../model/port';

/**
 * The anti-patterns a hand-written Cilium policy is checked for. Pure: takes the `spec`, returns
 * one message per problem, each with the fix.
 */
import { asSelector, requirements } from '../manifests/label-selector';
import { OUTSIDE_ENTITIES, pinsNamespace } from '../manifests/namespace-scope';
import { AMBIENT_PROBE_SOURCE } from '../model/cidr';
import { describeCoverage, widePortCoverage, type ProtocolRange } from '../model/port-coverage';
import type { SpecRisk } from './accepted-risks';

type RuleRecord = Readonly<Record<string, unknown>>;

const PEER_FIELDS = {
  ingress: ['fromEndpoints', 'fromEntities', 'fromCIDR', 'fromCIDRSet', 'fromRequires', 'fromGroups', 'fromNodes'],
  egress: ['toEndpoints', 'toEntities', 'toCIDR', 'toCIDRSet', 'toFQDNs', 'toServices', 'toRequires', 'toGroups', 'toNodes'],
} as const;
const CIDR_FIELDS = ['fromCIDR', 'fromCIDRSet', 'toCIDR', 'toCIDRSet'];

/** Options of `checkCiliumSpec`. */
export interface GuardrailOptions {
  /** Whether the user opted into hard-coded addresses, with a reason. */
  readonly cidrAllowed: boolean;
  /**
   * Whether the spec is a CiliumClusterwideNetworkPolicy's (no namespace), whose selectors span
   * every namespace unless they pin one.
   * @default false
   */
  readonly clusterWide?: boolean;
  /**
   * The rules (`spec.ingress[0]`) whose every-port entry was written as `Port.any({ reason })`.
   * @default - none: every port 0, protocol-only port and 1-65535 range is refused
   */
  readonly anyPortRules?: ReadonlySet<string>;
  /**
   * The JSON path of the spec in its object, for the messages: `spec`, or `specs[1]` for one of
   * a policy's `specs` list.
   * @default 'spec'
   */
  readonly path?: string;
}

/** A spec with its `Port.any` entries resolved, and their reasons by rule path. */
export interface ResolvedAnyPorts {
  /** The spec, each `Port.any` replaced by Cilium's every-port entry `{ port: "0", protocol: ANY }`. */
  readonly spec: Readonly<Record<string, unknown>>;
  /** Rule path (`spec.egress[1]`) to the reason given to `Port.any`. */
  readonly reasons: ReadonlyMap<string, string>;
}

/**
 * Resolves the `Port.any({ reason })` values written in a hand-written spec's
 * `toPorts[].ports[]` into Cilium's every-port entry (CiliumNetworkPolicy PortProtocol: port
 * "0 means all ports", protocol ANY), keeping the reasons by rule path.
 *
 * @param spec the spec as written
 * @param path the JSON path of the spec in its object (`specs[1]` for one of a `specs` list)
 * @default path 'spec'
 */
export function resolveAnyPorts(spec: Readonly<Record<string, unknown>>, path = 'spec'): ResolvedAnyPorts {
  const reasons = new Map<string, string>();
  const resolved: Record<string, unknown> = { ...spec };
  for (const field of ['ingress', 'egress'] as const) {
    const rules = spec[field];
    if (!Array.isArray(rules)) continue;
    resolved[field] = rules.map((rule: unknown, i: number) => {
      if (!isRecord(rule) || !Array.isArray(rule.toPorts)) return rule;
      return {
        ...rule,
        toPorts: rule.toPorts.map((toPort: unknown) => {
          if (!isRecord(toPort) || !Array.isArray(toPort.ports)) return toPort;
          return {
            ...toPort,
            ports: toPort.ports.map((port: unknown) => {
              if (!(port instanceof Port)) return port;
              if (!port.isAny) return { port: String(port.port), protocol: port.protocol, ...(port.endPort !== undefined ? { endPort: port.endPort } : {}) };
              reasons.set(`${path}.${field}[${i}]`, port.anyReason ?? '');
              return { port: '0', protocol: 'ANY' };
            }),
          };
        }),
      };
    });
  }
  return { spec: resolved, reasons };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const EVERY_PORT_FIX = 'list the ports the traffic needs, e.g. toPorts: [{ ports: [{ port: "443", protocol: TCP }] }]; '
  + 'where every port is really meant, write Port.any({ reason }) in place of the ports (toPorts: [{ ports: [Port.any({ reason: \'why\' })] }]), which records the reason';

/**
 * Checks a hand-written CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy spec for the
 * design's anti-patterns:
 * - explicit default-deny: a deny rule that matches every peer on every port. The baselines already
 *   put every endpoint in default-deny, and a deny rule wins over every allow
 *   (docs.cilium.io, Policy Language, "Deny Policies"), so it would cut DNS and everything else;
 * - empty rule lists (`ingress: []`, which Cilium treats as no rule at all) and empty rules
 *   (`ingress: [{}]`, which reads as "allow everything" to anyone used to NetworkPolicy);
 * - rules that allow any port: no `toPorts`, a `toPorts` entry without ports (`[{}]`,
 *   `[{ ports: [] }]`), port `0` (Cilium's "every port"), an empty `icmps` list standing in for
 *   ports, or ranges that together open more than half of a protocol's ports (`endPort: 65535`
 *   from a low port, adjacent ranges; see `WIDE_PORT_LIMIT`);
 * - hard-coded addresses (CIDR rules) without an explicit opt-in;
 * - in a cluster-wide policy whose `endpointSelector` pins no namespace (it selects pods of every
 *   namespace, by pod labels at most), ingress from outside the cluster (`world`, `all`, a CIDR):
 *   it exposes every such pod to the internet.
 *
 * @param spec the policy spec
 * @param options whether CIDR rules are opted into
 * @returns one message per problem, naming the field
 */
export function checkCiliumSpec(spec: Readonly<Record<string, unknown>>, options: GuardrailOptions): string[] {
  return ciliumSpecRisks(spec, options).filter((r) => !(r.risk === 'hardCodedIp' && options.cidrAllowed)).map((r) => r.message);
}

/**
 * The guardrails a hand-written Cilium spec trips (see `checkCiliumSpec`), each with the
 * `acceptRisks` key (or `hardCodedIp`: `hardCodedIpReason`) that keeps it as written. Every
 * CIDR rule is listed, whatever `options.cidrAllowed` says.
 *
 * @param spec the policy spec
 * @param options whether the policy is cluster-wide, its `Port.any` rules
 * @returns one risk per problem, naming the field and the fix
 */
export function ciliumSpecRisks(spec: Readonly<Record<string, unknown>>, options: GuardrailOptions): SpecRisk[] {
  const problems: SpecRisk[] = [];
  const add = (risk: SpecRisk['risk'], message: string): void => { problems.push({ risk, message }); };
  const path = options.path ?? 'spec';
  for (const field of ['ingress', 'egress', 'ingressDeny', 'egressDeny'] as const) {
    const rules = spec[field];
    if (rules === undefined) continue;
    if (!Array.isArray(rules)) {
      add('invalid', `${path}.${field} must be a list of rules.`);
      continue;
    }
    if (rules.length === 0) {
      add('emptyRules', `${path}.${field} is an empty list, which Cilium ignores: remove it, or list the peers and ports to ${field.endsWith('Deny') ? 'deny' : 'allow'}.`);
      continue;
    }
    const direction = field.startsWith('ingress') ? 'ingress' : 'egress';
    const deny = field.endsWith('Deny');
    rules.forEach((rule: RuleRecord, i: number) => {
      const at = `${path}.${field}[${i}]`;
      if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) return; // the schema check names it
      const peers = PEER_FIELDS[direction].filter((f) => rule[f] !== undefined);
      const hasPorts = Array.isArray(rule.toPorts) && rule.toPorts.length > 0;
      if (Object.keys(rule).length === 0) {
        add('emptyRules', `${at} is an empty rule {}: it reads as "allow everything" in NetworkPolicy and as a bare default-deny in Cilium. Write the peers and ports it is meant to ${deny ? 'deny' : 'allow'}.`);
        return;
      }
      if (deny && !hasPorts && (peers.length === 0 || peers.some((f) => matchesEverything(rule[f])))) {
        add('explicitDeny', `${at} is an explicit default-deny (it denies every peer on every port). The cluster baselines already deny all traffic that is not allowed, and a deny rule overrides every allow, DNS included: remove it and rely on the baselines.`);
        return;
      }
      if (!deny && !hasPorts && !hasIcmpTypes(rule.icmps)) {
        add('anyPort', rule.icmps !== undefined
          ? `${at}.icmps lists no ICMP type, so the rule is not limited to ICMP and allows any port: list the ICMP types (icmps: [{ fields: [{ type: 8, family: IPv4 }] }]), or ${EVERY_PORT_FIX}.`
          : `${at} allows any port: add toPorts with the ports the traffic needs, e.g. toPorts: [{ ports: [{ port: "443", protocol: TCP }] }].`);
      }
      // A rule written with Port.any({ reason }) allows every port on purpose.
      if (!deny && hasPorts && !options.anyPortRules?.has(at)) for (const message of everyPortProblems(rule.toPorts as unknown[], at)) add('anyPort', message);
      if (!deny && direction === 'ingress' && options.clusterWide && spansEveryNamespace(spec)) {
        const outside = outsidePeers(rule);
        if (outside.length > 0) {
          add('outsideToEveryNamespace', `${at} admits ${outside.join(', ')} into a cluster-wide policy whose endpointSelector pins no namespace: that exposes pods of every namespace `
            + '(any pod anyone creates, when it carries the selected labels) to the outside. Make it a CiliumNetworkPolicy in the namespace of the pods that serve it '
            + '(namespace: \'<namespace>\'), or pin the namespace in endpointSelector (io.kubernetes.pod.namespace: <namespace>).');
        }
      }
      for (const f of peers) {
        if (CIDR_FIELDS.includes(f)) {
          add('hardCodedIp', `${at}.${f} hard-codes addresses: use toEndpoints/fromEndpoints selectors, entities or toFQDNs; if an address is really needed, opt in with hardCodedIpReason.`);
        }
      }
    });
  }
  return problems;
}

/** Whether an `icmps` list names at least one ICMP type (which limits the rule to ICMP). */
function hasIcmpTypes(icmps: unknown): boolean {
  return Array.isArray(icmps) && icmps.some((entry) => entry !== null && typeof entry === 'object'
    && Array.isArray((entry as { fields?: unknown }).fields) && (entry as { fields: unknown[] }).fields.length > 0);
}

/**
 * The every-port forms a `toPorts` list can take: an entry without ports (Cilium reads it as
 * every port, as the flow simulator does), a port `0` or without a number ("0 means all ports",
 * CiliumNetworkPolicy PortProtocol), and ranges that together open more than half of a protocol.
 */
function everyPortProblems(toPorts: readonly unknown[], at: string): string[] {
  const problems: string[] = [];
  const ranges: ProtocolRange[] = [];
  toPorts.forEach((entry, i) => {
    const ports = entry !== null && typeof entry === 'object' ? (entry as { ports?: unknown }).ports : undefined;
    if (!Array.isArray(ports) || ports.length === 0) {
      problems.push(`${at}.toPorts[${i}] has no ports, which Cilium reads as every port: ${EVERY_PORT_FIX}.`);
      return;
    }
    ports.forEach((port: unknown, j) => {
      const record = port !== null && typeof port === 'object' ? port as Record<string, unknown> : {};
      const protocol = typeof record.protocol === 'string' ? record.protocol.toUpperCase() : 'ANY';
      const text = record.port === undefined || record.port === null ? '' : String(record.port).trim();
      if (text === '' || /^0+$/.test(text)) {
        problems.push(`${at}.toPorts[${i}].ports[${j}].port ${text === '' ? 'is missing' : `"${text}"`}, which Cilium reads as every port: ${EVERY_PORT_FIX}.`);
        return;
      }
      if (!/^\d+$/.test(text)) return; // a named port is one port
      const from = Number(text);
      const end = typeof record.endPort === 'number' && record.endPort > from ? record.endPort : from;
      ranges.push({ protocol, from, to: end });
    });
  });
  const wide = widePortCoverage(ranges);
  if (wide.length > 0) {
    problems.push(`${at}.toPorts opens ${wide.map(describeCoverage).join(' and ')}: more than half of the ports is every port in disguise `
      + `(SSH, the kubelet, any service a pod listens on): ${EVERY_PORT_FIX}.`);
  }
  return problems;
}

/** Whether a spec selects pods of every namespace: an endpointSelector that pins no namespace (not a host policy). */
function spansEveryNamespace(spec: Readonly<Record<string, unknown>>): boolean {
  if (spec.nodeSelector !== undefined && spec.endpointSelector === undefined) return false;
  const selector = asSelector(spec.endpointSelector ?? {});
  return selector !== undefined && !pinsNamespace(requirements(selector));
}

/** The peers of an ingress rule that are outside the cluster: `world`/`all` entities, CIDRs (but the ambient probe source). */
function outsidePeers(rule: RuleRecord): string[] {
  const found: string[] = [];
  if (Array.isArray(rule.fromEntities)) {
    found.push(...rule.fromEntities.filter((e): e is string => typeof e === 'string' && OUTSIDE_ENTITIES.includes(e)).map((e) => `fromEntities ${e}`));
  }
  if (Array.isArray(rule.fromCIDR)) {
    found.push(...rule.fromCIDR.filter((c): c is string => typeof c === 'string' && c !== AMBIENT_PROBE_SOURCE).map((c) => `fromCIDR ${c}`));
  }
  if (Array.isArray(rule.fromCIDRSet)) {
    for (const entry of rule.fromCIDRSet as unknown[]) {
      const cidr = entry !== null && typeof entry === 'object' ? (entry as { cidr?: unknown }).cidr : undefined;
      if (typeof cidr === 'string' && cidr !== AMBIENT_PROBE_SOURCE) found.push(`fromCIDRSet ${cidr}`);
    }
  }
  return found;
}

function matchesEverything(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  return value.some((item) => {
    if (item === 'all') return true;
    if (item !== null && typeof item === 'object') {
      const record = item as Record<string, unknown>;
      if (Object.keys(record).length === 0) return true;
      if (record.cidr === '0.0.0.0/0' || record.cidr === '::/0') return true;
    }
    return item === '0.0.0.0/0' || item === '::/0';
  });
}
