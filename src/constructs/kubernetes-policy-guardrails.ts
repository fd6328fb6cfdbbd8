import { privateRangesReached } from '../model/address-space';
import { fluxCidrStandIn, hasFluxExpression } from '../model/flux-substitution';
import { describeCoverage, widePortCoverage, type ProtocolRange } from '../model/port-coverage';
import type { SpecRisk } from './accepted-risks';

/** Options of `kubernetesSpecRisks`. */
export interface KubernetesGuardrailOptions {
  /**
   * Whether the cluster is rendered for Cilium, whose baselines already put every endpoint in
   * default-deny: a NetworkPolicy that isolates pods without allowing anything is an explicit
   * default-deny there. On the NetworkPolicy renderer it is how the design denies.
   * @default false
   */
  readonly cilium?: boolean;
}

const PORTS_FIX = 'list the ports the traffic needs, e.g. ports: [{ protocol: TCP, port: 443 }]';

/**
 * The guardrails a hand-written `networking.k8s.io/v1` NetworkPolicy spec trips (Kubernetes API
 * reference, "NetworkPolicy v1 networking.k8s.io"), each with the opt-in that keeps it as written:
 * - explicit default-deny, on Cilium only: a direction the policy isolates (`policyTypes`, or
 *   Ingress by default) with no rule, which allows nothing; the baselines already deny there;
 * - empty rules: a rule without peers and without ports (`{}`, `{ from: [] }`), which allows
 *   every peer on every port ("If this field is empty or missing, this rule matches all
 *   sources/destinations", "all ports");
 * - any-port rules: a rule with peers but no `ports`, a port entry without `port` (every port of
 *   its protocol), ranges that together open more than half of a protocol's ports;
 * - hard-coded addresses (`ipBlock`) without `hardCodedIpReason`;
 * - `ipBlock`s that reach a whole private range: an ipBlock matches pod addresses too on most
 *   CNIs, so `0.0.0.0/0` without excepts is every pod and the LAN.
 *
 * @param spec the NetworkPolicy `spec`
 * @param options the renderer
 * @returns one risk per problem, naming the field and the fix
 */
export function kubernetesSpecRisks(spec: Readonly<Record<string, unknown>>, options: KubernetesGuardrailOptions = {}): SpecRisk[] {
  const risks: SpecRisk[] = [];
  const add = (risk: SpecRisk['risk'], message: string): void => { risks.push({ risk, message }); };
  // NetworkPolicySpec.policyTypes: without it, Ingress always, and Egress when there are egress rules.
  const types = Array.isArray(spec.policyTypes)
    ? spec.policyTypes
    : ['Ingress', ...(spec.egress !== undefined ? ['Egress'] : [])];
  for (const [field, type, peersKey] of [['ingress', 'Ingress', 'from'], ['egress', 'Egress', 'to']] as const) {
    const rules = spec[field];
    if (rules !== undefined && !Array.isArray(rules)) {
      add('invalid', `spec.${field} must be a list of rules.`);
      continue;
    }
    if (options.cilium && types.includes(type) && (rules === undefined || rules.length === 0)) {
      add('explicitDeny', `spec${rules === undefined ? `.policyTypes names ${type} but the policy has no ${field} rule` : `.${field} is empty`}, so it isolates its pods for ${field} and allows nothing: `
        + `an explicit default-deny. On Cilium the cluster baselines already deny all traffic that is not allowed: remove it and rely on the baselines.`);
    }
    (rules ?? []).forEach((rule: unknown, i: number) => {
      const at = `spec.${field}[${i}]`;
      if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) return; // the schema check names it
      const record = rule as Record<string, unknown>;
      const peers = Array.isArray(record[peersKey]) ? record[peersKey] as unknown[] : [];
      const ports = Array.isArray(record.ports) ? record.ports as unknown[] : [];
      if (peers.length === 0 && ports.length === 0) {
        add('emptyRules', `${at} has no ${peersKey} and no ports: in NetworkPolicy that allows every peer on every port (it reads as "nothing" to anyone used to Cilium). Write the peers and ports it is meant to allow.`);
        return;
      }
      if (ports.length === 0) add('anyPort', `${at} allows any port: ${PORTS_FIX}.`);
      else risks.push(...portRisks(ports, at));
      peers.forEach((peer, j) => {
        const block = peer !== null && typeof peer === 'object' ? (peer as { ipBlock?: unknown }).ipBlock : undefined;
        if (block === null || typeof block !== 'object') return;
        const { cidr, except } = block as { cidr?: unknown; except?: unknown };
        if (typeof cidr !== 'string') return;
        add('hardCodedIp', `${at}.${peersKey}[${j}].ipBlock hard-codes addresses (${cidr}): use podSelector/namespaceSelector peers; if an address is really needed, opt in with hardCodedIpReason.`);
        // A Flux expression (`${LAN}/24`) is read as the readers simulate it: one documentation address.
        const read = (text: string): string => (hasFluxExpression(text) ? fluxCidrStandIn(text) : text);
        const reached = privateRangesReached([{ cidr: read(cidr), except: Array.isArray(except) ? except.filter((e): e is string => typeof e === 'string').map(read) : [] }]);
        if (reached.length > 0) {
          add('privateRanges', `${at}.${peersKey}[${j}].ipBlock ${cidr} reaches all of ${reached.join(', ')}: an ipBlock matches pod addresses too on most CNIs, so that is every pod of the cluster and the whole LAN. `
            + `Add ${reached.join(', ')} to except, or list the destination's own ranges.`);
        }
      });
    });
  }
  return risks;
}

/** The every-port forms of a NetworkPolicy rule's `ports`: an entry without `port`, ranges opening more than half of a protocol. */
function portRisks(ports: readonly unknown[], at: string): SpecRisk[] {
  const risks: SpecRisk[] = [];
  const ranges: ProtocolRange[] = [];
  ports.forEach((entry, j) => {
    const record = entry !== null && typeof entry === 'object' ? entry as Record<string, unknown> : {};
    // NetworkPolicyPort.protocol defaults to TCP; without port, "this matches all port names and numbers".
    const protocol = typeof record.protocol === 'string' ? record.protocol.toUpperCase() : 'TCP';
    if (record.port === undefined || record.port === null) {
      risks.push({ risk: 'anyPort', message: `${at}.ports[${j}] has no port, which NetworkPolicy reads as every ${protocol} port: ${PORTS_FIX}.` });
      return;
    }
    if (typeof record.port !== 'number') return; // a named port is one port
    const end = typeof record.endPort === 'number' && record.endPort > record.port ? record.endPort : record.port;
    ranges.push({ protocol, from: record.port, to: end });
  });
  const wide = widePortCoverage(ranges);
  if (wide.length > 0) {
    risks.push({ risk: 'anyPort', message: `${at}.ports opens ${wide.map(describeCoverage).join(' and ')}: more than half of the ports is every port in disguise (SSH, the kubelet, any service a pod listens on): ${PORTS_FIX}.` });
  }
  return risks;
}
