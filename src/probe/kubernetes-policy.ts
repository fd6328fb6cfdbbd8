import type { Manifest } from '../manifests/manifest';
import { fluxPortStandIn, hasFluxExpression } from '../model/flux-substitution';
import { parsePort, PROTOCOLS, type Protocol } from './flow';
import { asObject, cidrField, selectorField, type Fail, type Json } from './policy-fields';
import { policyError } from './policy-error';
import type { PolicyRef } from './policy-ref';
import { describePort, type PortMatcher } from './port-matcher';
import type { CompiledPolicy, Direction, PeerMatcher, PolicyRule, PolicySection } from './rule';

/**
 * Compiles a networking.k8s.io/v1 NetworkPolicy into the simulator's internal form, following
 * the v1 API reference (NetworkPolicySpec, NetworkPolicyPeer, NetworkPolicyPort):
 *
 * - `policyTypes` defaults to `[Ingress]`, plus `Egress` when `spec.egress` has at least one
 *   rule (pkg/apis/networking/v1/defaults.go: `len(obj.Spec.Egress) != 0`);
 * - a listed direction isolates the selected pods (default-deny), and policies are additive;
 * - an absent or empty `from`/`to` matches every peer; an absent or empty `ports` every port;
 *   `ingress: []` (or no `ingress`) with Ingress in `policyTypes` allows nothing;
 * - in one peer, `namespaceSelector` AND `podSelector` must both match; `podSelector` alone
 *   means the policy's namespace; `namespaceSelector: {}` means every namespace;
 * - `ipBlock` (cidr minus except) matches addresses; whether pod IPs count depends on the CNI
 *   (see the flow-probe spec) and is decided by the engine;
 * - ports: protocol defaults to TCP; `endPort` makes a range; a string port is a named port.
 *
 * @param manifest the NetworkPolicy
 * @throws InputError naming the file, the policy and the field on anything the engine cannot read
 */
export function compileNetworkPolicy(manifest: Manifest): CompiledPolicy {
  const fail = (message: string): never => { throw policyError(manifest, message); };
  const object = manifest.object;
  const namespace = object.metadata.namespace ?? 'default';
  const ref: PolicyRef = { kind: 'NetworkPolicy', namespace, name: object.metadata.name };
  const spec = asObject(object.spec, 'spec', fail);
  if (spec.podSelector === undefined) fail('spec.podSelector: missing; use {} to select every pod of the namespace');
  const podSelector = selectorField(spec.podSelector, 'spec.podSelector', fail);
  const types = policyTypes(spec, fail);
  const section = (direction: Direction): PolicySection | undefined => {
    const key = direction === 'ingress' ? 'Ingress' : 'Egress';
    if (!types.includes(key)) return undefined;
    const list = spec[direction] ?? [];
    if (!Array.isArray(list)) return fail(`spec.${direction}: expected a list of rules`);
    return { defaultDeny: true, rules: list.map((rule, i) => compileRule(ref, namespace, direction, rule, `${direction}[${i}]`, fail)) };
  };
  const ingress = section('ingress');
  const egress = section('egress');
  return {
    ref,
    subject: { kind: 'pods', namespace, podSelector },
    ...(ingress ? { ingress } : {}),
    ...(egress ? { egress } : {}),
  };
}

function policyTypes(spec: Json, fail: Fail): string[] {
  if (spec.policyTypes === undefined || (Array.isArray(spec.policyTypes) && spec.policyTypes.length === 0)) {
    return Array.isArray(spec.egress) && spec.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
  }
  if (!Array.isArray(spec.policyTypes)) return fail('spec.policyTypes: expected a list of Ingress and/or Egress');
  spec.policyTypes.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress') fail(`spec.policyTypes[${i}]: ${JSON.stringify(t)} is not one of Ingress, Egress`);
  });
  return spec.policyTypes as string[];
}

function compileRule(ref: PolicyRef, namespace: string, direction: Direction, value: unknown, path: string, fail: Fail): PolicyRule {
  const rule = asObject(value ?? {}, `spec.${path}`, fail);
  const peerKey = direction === 'ingress' ? 'from' : 'to';
  for (const key of Object.keys(rule)) {
    if (key !== peerKey && key !== 'ports') fail(`spec.${path}.${key}: unknown field; a ${direction} rule has ${peerKey} and ports`);
  }
  const peerList = rule[peerKey] ?? [];
  if (!Array.isArray(peerList)) return fail(`spec.${path}.${peerKey}: expected a list of peers`);
  const peers: PeerMatcher[] = peerList.length === 0
    ? [{ kind: 'any' }]
    : peerList.map((peer, i) => compilePeer(namespace, peer, `spec.${path}.${peerKey}[${i}]`, fail));
  const portList = rule.ports ?? [];
  if (!Array.isArray(portList)) return fail(`spec.${path}.ports: expected a list of ports`);
  const ports = portList.length === 0 ? undefined : portList.map((port, i) => compilePort(port, `spec.${path}.ports[${i}]`, fail));
  const peerText = peerList.length === 0 ? `${peerKey} anywhere` : `${peerKey} ${peers.map(describeNpPeer).join(' or ')}`;
  const portText = ports ? ` on ${ports.map(describePort).join(', ')}` : ' on any port';
  return { policy: ref, action: 'allow', path, peers, ...(ports ? { ports } : {}), dnsNames: [], text: `${peerText}${portText}` };
}

function compilePeer(namespace: string, value: unknown, field: string, fail: Fail): PeerMatcher {
  const peer = asObject(value, field, fail);
  const keys = Object.keys(peer);
  for (const key of keys) {
    if (!['podSelector', 'namespaceSelector', 'ipBlock'].includes(key)) fail(`${field}.${key}: unknown field; a peer has podSelector, namespaceSelector or ipBlock`);
  }
  if (peer.ipBlock !== undefined) {
    if (keys.length > 1) fail(`${field}: ipBlock cannot be combined with podSelector or namespaceSelector; split it into its own peer`);
    const block = asObject(peer.ipBlock, `${field}.ipBlock`, fail);
    const cidr = cidrField(block.cidr, `${field}.ipBlock.cidr`, fail);
    const exceptList = block.except ?? [];
    if (!Array.isArray(exceptList)) return fail(`${field}.ipBlock.except: expected a list of CIDR blocks`);
    const except = exceptList.map((e, i) => cidrField(e, `${field}.ipBlock.except[${i}]`, fail));
    return { kind: 'cidr', cidr, except };
  }
  if (keys.length === 0) fail(`${field}: empty peer; set podSelector, namespaceSelector or ipBlock (omit "from"/"to" to allow every peer)`);
  const podSelector = selectorField(peer.podSelector, `${field}.podSelector`, fail);
  if (peer.namespaceSelector === undefined) return { kind: 'pods', namespace, podSelector };
  return { kind: 'pods', namespaceSelector: selectorField(peer.namespaceSelector, `${field}.namespaceSelector`, fail), podSelector };
}

function compilePort(value: unknown, field: string, fail: Fail): PortMatcher {
  const written = asObject(value, field, fail);
  // A Flux expression (`port: ${VPN_PORT}`) is a number once substituted: simulate its stand-in.
  const port = hasFluxExpression(written.port) ? { ...written, port: Number(fluxPortStandIn(written.port)) } : written;
  for (const key of Object.keys(port)) {
    if (!['protocol', 'port', 'endPort'].includes(key)) fail(`${field}.${key}: unknown field; a port has protocol, port and endPort`);
  }
  const protocol = port.protocol ?? 'TCP';
  if (!(PROTOCOLS as readonly unknown[]).includes(protocol)) fail(`${field}.protocol: ${JSON.stringify(protocol)} is not one of ${PROTOCOLS.join(', ')}`);
  const proto = protocol as Protocol;
  if (port.port === undefined) {
    if (port.endPort !== undefined) fail(`${field}.endPort: needs a numeric port`);
    return { protocol: proto };
  }
  if (typeof port.port === 'string' && !/^\d+$/.test(port.port)) {
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(port.port) || port.port.length > 15) fail(`${field}.port: "${port.port}" is not a port number or a valid port name (IANA_SVC_NAME)`);
    if (port.endPort !== undefined) fail(`${field}.endPort: cannot be used with the named port "${port.port}"; use a numeric port`);
    return { protocol: proto, name: port.port as string };
  }
  const number = portNumber(port.port, `${field}.port`, fail);
  if (port.endPort === undefined) return { protocol: proto, port: number };
  const end = portNumber(port.endPort, `${field}.endPort`, fail);
  if (end < number) fail(`${field}.endPort: ${end} is below port ${number}; endPort must be >= port`);
  return { protocol: proto, port: number, endPort: end };
}

function portNumber(value: unknown, field: string, fail: Fail): number {
  return parsePort(value) ?? fail(`${field}: ${JSON.stringify(value)} is not a port number 1-65535`);
}

function describeNpPeer(peer: PeerMatcher): string {
  switch (peer.kind) {
    case 'pods':
      return peer.namespaceSelector
        ? `{namespaceSelector ${peer.namespaceSelector.text}, podSelector ${peer.podSelector.text}}`
        : `{podSelector ${peer.podSelector.text} in ${peer.namespace}}`;
    case 'cidr':
      return `{ipBlock ${peer.cidr.text}${peer.except.length ? ` except ${peer.except.map((c) => c.text).join(', ')}` : ''}}`;
    default:
      return peer.kind;
  }
}
