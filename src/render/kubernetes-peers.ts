import type { LabelRequirement } from '../model/label-selector';
import { AMBIENT_PROBE_SOURCE } from '../model/cidr';
import type { Downgrade } from '../model/downgrade';
import { Entity } from '../model/entity';
import { NAMESPACE_NAME_LABEL } from '../model/labels';
import type { Direction, Rule } from '../model/rule';
import type { AddressReason } from '../model/policy';

/**
 * Private and special-use ranges the `world` entity leaves out: RFC 1918 (10/8, 172.16/12,
 * 192.168/16), carrier-grade NAT and tailnets (100.64/10, RFC 6598), IPv4 link-local
 * (169.254/16, RFC 3927), IPv6 unique local (fc00::/7, RFC 4193) and link-local (fe80::/10).
 * Cilium's `world` is "outside the cluster"; NetworkPolicy has only addresses, so "the internet"
 * is every address except these.
 */
export const WORLD_EXCEPT_V4: readonly string[] = ['10.0.0.0/8', '100.64.0.0/10', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16'];

/** The IPv6 ranges `world` leaves out (see `WORLD_EXCEPT_V4`). */
export const WORLD_EXCEPT_V6: readonly string[] = ['fc00::/7', 'fe80::/10'];


/** A NetworkPolicyPeer (Kubernetes API reference, networking.k8s.io/v1, NetworkPolicyPeer). */
export type NetworkPolicyPeer =
  | { namespaceSelector: Record<string, unknown>; podSelector: Record<string, unknown> }
  | { ipBlock: { cidr: string; except?: string[] } };

/** How one rule maps to NetworkPolicy. */
export type PeerMapping =
  /** Rendered: the peers of the rule (`[]` means every peer: the `- {}` rule). */
  | { readonly kind: 'peers'; readonly peers: NetworkPolicyPeer[]; readonly notes: string[]; readonly addresses?: readonly AddressReason[] }
  /** Left out on purpose, with the reason written as a comment. */
  | { readonly kind: 'skipped'; readonly note: string }
  /** Not expressible and no downgrade stated: the message of the PolicyError. */
  | { readonly kind: 'refused'; readonly message: string };

/** What the peer mapping needs from the cluster. */
export interface PeerContext {
  /** The API server's CIDRs; empty when not configured. */
  readonly apiServerCidrs: readonly string[];
}

const ENTITY_WORDS: Partial<Record<Entity, string>> = {
  [Entity.HOST]: 'the node the pod runs on',
  [Entity.REMOTE_NODE]: 'the other nodes',
  [Entity.HEALTH]: "Cilium's health endpoints",
  [Entity.INGRESS]: "Cilium's Envoy ingress",
  [Entity.INIT]: 'endpoints whose identity is not resolved yet',
  [Entity.UNMANAGED]: 'pods Cilium does not manage',
};

/**
 * Maps a rule's peer to NetworkPolicyPeers (Kubernetes API reference, NetworkPolicyPeer: a peer
 * is either `ipBlock` alone, or `namespaceSelector` and/or `podSelector`, which must then both
 * match; several peers in one rule are ORed).
 *
 * @param direction the rule's direction, for messages
 * @param rule the rule
 * @param context the API server addresses
 */
export function mapPeer(direction: Direction, rule: Rule, context: PeerContext): PeerMapping {
  const spec = rule.peer.spec;
  const notes = rule.dnsInspection
    ? ['the DNS proxy (Cilium rules.dns, L7) is dropped: NetworkPolicy has no L7; DNS egress itself stays']
    : [];
  switch (spec.kind) {
    case 'endpoints': {
      // One peer with both selectors: namespaceSelector AND podSelector. A peer without a
      // namespace here means "any namespace" (cluster-wide rules), as Cilium reads it in a CCNP.
      const namespaceSelector = spec.namespace !== undefined
        ? { matchLabels: { [NAMESPACE_NAME_LABEL]: spec.namespace } }
        : labelSelector(spec.namespaceLabels ?? {}, spec.namespaceExpressions);
      const podSelector = labelSelector(spec.podLabels, spec.podExpressions);
      return { kind: 'peers', peers: [{ namespaceSelector, podSelector }], notes };
    }
    case 'cidr':
      if (rule.anyPortReason !== undefined && spec.cidr === AMBIENT_PROBE_SOURCE) {
        notes.push('Istio ambient SNATs kubelet probes to 169.254.7.127, which NetworkPolicy must admit (istio.io, Ambient and Kubernetes NetworkPolicy)');
      } else {
        notes.push(`hard-coded address ${spec.cidr}: ${spec.reason}`);
      }
      return {
        kind: 'peers', peers: [{ ipBlock: { cidr: spec.cidr, ...(spec.except.length > 0 ? { except: [...spec.except] } : {}) } }], notes,
        addresses: spec.cidr === AMBIENT_PROBE_SOURCE ? [] : [{ cidr: spec.cidr, reason: spec.reason }],
      };
    case 'fqdn':
      return downgradeOr(direction, rule, notes, `plain NetworkPolicy has no DNS names (Cilium toFQDNs)`, 'the ranges the name resolves to');
    case 'entity':
      return mapEntity(direction, rule, spec.entity, notes, context);
    case 'gateway':
      // The constructs resolve gateways from the cluster's settings; one reaching here is a library bug.
      throw new Error(`Unresolved ${rule.peer} reached the NetworkPolicy renderer.`);
  }
}

/**
 * A Kubernetes LabelSelector (`matchLabels`, `matchExpressions`), `{}` when it has no condition.
 *
 * @param labels the labels
 * @param requirements the expressions
 */
export function labelSelector(labels: Readonly<Record<string, string>>, requirements: readonly LabelRequirement[] = []): Record<string, unknown> {
  return {
    ...(Object.keys(labels).length > 0 ? { matchLabels: { ...labels } } : {}),
    ...(requirements.length > 0 ? { matchExpressions: requirements.map((r) => ({ key: r.key, operator: r.operator, ...(r.values.length > 0 ? { values: [...r.values] } : {}) })) } : {}),
  };
}

function mapEntity(direction: Direction, rule: Rule, entity: Entity, notes: string[], context: PeerContext): PeerMapping {
  switch (entity) {
    case Entity.WORLD:
      notes.push(`world: every address except the private ranges ${[...WORLD_EXCEPT_V4, ...WORLD_EXCEPT_V6].join(', ')}`);
      return {
        kind: 'peers', notes, peers: [
          { ipBlock: { cidr: '0.0.0.0/0', except: [...WORLD_EXCEPT_V4] } },
          { ipBlock: { cidr: '::/0', except: [...WORLD_EXCEPT_V6] } },
        ],
      };
    case Entity.CLUSTER:
      notes.push('cluster: every pod of every namespace (nodes are not selectable in NetworkPolicy)');
      return { kind: 'peers', peers: [{ namespaceSelector: {}, podSelector: {} }], notes };
    case Entity.ALL:
      // An empty `from`/`to` matches every peer (API reference, NetworkPolicyIngressRule.from).
      return { kind: 'peers', peers: [], notes };
    case Entity.KUBE_APISERVER:
      if (context.apiServerCidrs.length > 0) {
        notes.push(`kube-apiserver: the configured API server addresses ${context.apiServerCidrs.join(', ')}`);
        return {
          kind: 'peers', peers: context.apiServerCidrs.map((cidr) => ({ ipBlock: { cidr } })), notes,
          addresses: context.apiServerCidrs.map((cidr) => ({ cidr, reason: 'the API server address configured for the cluster (kubernetes.apiServer)' })),
        };
      }
      if (rule.downgrade !== undefined) return applyDowngrade(rule, rule.downgrade, notes);
      return {
        kind: 'refused',
        message: `${direction} ${direction === 'ingress' ? 'from' : 'to'} ${rule.peer} (${rule.description}) needs the API server's address: NetworkPolicy has no kube-apiserver entity. `
          + `Set it on the cluster: new NetpolCluster(app, 'name', { renderer: Renderer.KUBERNETES, kubernetes: { apiServer: { cidrs: ['192.168.1.10/32'] } } }).`,
      };
    case Entity.HEALTH:
      if (rule.anyPortReason !== undefined && rule.downgrade === undefined) {
        // The library's own health rule. Kubelet probes come from the node, and "traffic to and
        // from the node where a Pod is running is always allowed" (kubernetes.io, Network
        // Policies, introduction); Calico and kube-router behave the same.
        return {
          kind: 'skipped',
          note: `${rule.description}: not rendered; NetworkPolicy has no health entity and kubelet probes come from the node, whose traffic to its pods NetworkPolicy always allows (kubernetes.io, Network Policies).`,
        };
      }
      return downgradeOr(direction, rule, notes, `plain NetworkPolicy has no Cilium entities (health is ${ENTITY_WORDS[entity]})`, 'the addresses meant');
    default:
      return downgradeOr(direction, rule, notes, `plain NetworkPolicy has no Cilium entities (${entity} is ${ENTITY_WORDS[entity] ?? 'a Cilium identity'})`, entity === Entity.HOST || entity === Entity.REMOTE_NODE ? "the nodes' CIDR" : 'the addresses meant');
  }
}

function downgradeOr(direction: Direction, rule: Rule, notes: string[], why: string, what: string): PeerMapping {
  const downgrade = rule.downgrade;
  if (downgrade === undefined) {
    return {
      kind: 'refused',
      message: `cannot render the ${direction} rule "${rule.description}" (peer ${rule.peer}) as NetworkPolicy: ${why}. `
        + `Use Renderer.CILIUM for this cluster, or state the downgrade on the rule: { downgrade: Downgrade.toCidrs(['<${what}>'], '<where they come from>') } `
        + `or { downgrade: Downgrade.skip('<why the traffic may be denied here>') }.`,
    };
  }
  return applyDowngrade(rule, downgrade, notes);
}

function applyDowngrade(rule: Rule, downgrade: Downgrade, notes: readonly string[]): PeerMapping {
  const spec = downgrade.spec;
  if (spec.kind === 'skip') return { kind: 'skipped', note: `${rule.description} (${rule.peer}): ${downgrade}` };
  return {
    kind: 'peers', peers: spec.cidrs.map((cidr) => ({ ipBlock: { cidr } })), notes: [...notes, `${rule.peer} ${downgrade}`],
    addresses: spec.cidrs.map((cidr) => ({ cidr, reason: `${rule.peer} downgraded: ${spec.reason}` })),
  };
}
