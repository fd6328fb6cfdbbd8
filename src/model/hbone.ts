import { AMBIENT_LABEL, AMBIENT_MODE, NAMESPACE_NAME_LABEL } from './labels';
import { sortedRecord } from './names';
import { Peer } from './peer';
import type { ClusterIntent, NamespaceIntent, PolicyIntent, Subject } from './policy';
import { Port } from './port';
import { canonicalRules, type Direction, type Rule } from './rule';

/**
 * Istio ambient with in-pod redirection (Istio >= 1.21): ztunnel captures traffic inside each
 * meshed pod's network namespace, so traffic between two meshed pods travels as HBONE to the
 * *destination pod* on tcp/15008, with the *client pod* as source; the CNI sees port 15008,
 * never the application port (istio.io, "Ambient and Kubernetes NetworkPolicy": "ambient's
 * secure L4 overlay will tunnel traffic between your pods over port 15008", and its example
 * adds `port: 15008` next to the application port). Istio gateways and waypoints are HBONE
 * clients too: they open HBONE to meshed pods.
 *
 * So an allow rule between pods that names a TCP port gets a twin on tcp/15008 with the same
 * peer: the namespace and pod selection still constrains, only the port is lost. The plain
 * application port stays: clients outside the mesh still arrive on it.
 *
 * - Ingress of a meshed destination: a rule whose peer is pods admits that peer on 15008 when
 *   the peer can speak HBONE (pods of a meshed namespace, or of an HBONE client's namespace
 *   such as the gateways').
 * - Egress of a meshed source or of an HBONE client: a rule to pods also allows 15008 when the
 *   destination is meshed.
 *
 * Peers selected by namespace labels are narrowed to the meshed namespaces among them. A policy
 * whose subject is wholly meshed (a meshed namespace, or a selector that already requires
 * `istio.io/dataplane-mode=ambient`) gets the twins in place; a cluster-wide policy selecting
 * namespaces by other labels (profiles, access labels, baselines) keeps its rules for all of
 * them and gets a companion `<name>-hbone` selecting only its meshed namespaces, so 15008 never
 * opens outside the mesh. Which namespaces are meshed is read from the Namespace intents the
 * cluster owns (`istio.io/dataplane-mode=ambient`).
 */

/** The suffix of the companion policy that carries the HBONE rules of a cluster-wide policy. */
export const HBONE_POLICY_SUFFIX = '-hbone';

/** Options of `withHbone`. */
export interface HboneOptions {
  /**
   * Subjects that speak HBONE without being in a meshed namespace: the Istio gateways. Their
   * egress rules to meshed pods get the 15008 twin, and meshed pods admit their namespace's pods
   * on 15008.
   * @default - none
   */
  readonly hboneClients?: readonly Subject[];
}

/**
 * Whether a namespace is in the Istio ambient mesh (`istio.io/dataplane-mode=ambient`).
 *
 * @param namespace the namespace intent
 */
export function isMeshed(namespace: NamespaceIntent): boolean {
  return namespace.labels[AMBIENT_LABEL] === AMBIENT_MODE;
}

/**
 * The cluster's intent with the HBONE (tcp/15008) rules Istio ambient needs, as documented at
 * the top of this module. Without any meshed namespace the intent is returned unchanged.
 *
 * @param cluster the collected intent
 * @param options which subjects are HBONE clients outside the mesh
 */
export function withHbone(cluster: ClusterIntent, options: HboneOptions = {}): ClusterIntent {
  const clients = options.hboneClients ?? [];
  const mesh: Mesh = {
    meshed: cluster.namespaces.filter(isMeshed).map((n) => ({ name: n.name, labels: { ...n.labels, [NAMESPACE_NAME_LABEL]: n.name } })),
    clients: new Set(clients.map(subjectKey)),
    clientNamespaces: new Set(clients.flatMap((c) => (c.namespace !== undefined ? [c.namespace] : []))),
  };
  if (mesh.meshed.length === 0) return cluster;
  return { ...cluster, policies: cluster.policies.flatMap((policy) => hbonePolicies(policy, mesh)) };
}

/** What the HBONE rules are computed from: the meshed namespaces and the HBONE clients. */
interface Mesh {
  /** The owned namespaces in the mesh, `kubernetes.io/metadata.name` among their labels. */
  readonly meshed: readonly { readonly name: string; readonly labels: Readonly<Record<string, string>> }[];
  /** The HBONE clients outside the mesh, by subject. */
  readonly clients: ReadonlySet<string>;
  /** The namespaces of the HBONE clients. */
  readonly clientNamespaces: ReadonlySet<string>;
}

function hbonePolicies(policy: PolicyIntent, mesh: Mesh): PolicyIntent[] {
  const { subject } = policy;
  if (subject.entity !== undefined) return [policy];
  const client = mesh.clients.has(subjectKey(subject));
  // Wholly meshed: a meshed namespace by name, or a selector that requires the mesh label.
  const wholly = subject.namespace !== undefined
    ? mesh.meshed.some((ns) => ns.name === subject.namespace)
    : subject.namespaceLabels?.[AMBIENT_LABEL] === AMBIENT_MODE;
  // Partly meshed: namespaces selected by other labels (or all of them), some of them in the mesh.
  const partly = subject.namespace === undefined && !wholly && anyMeshed(mesh, subject.namespaceLabels ?? {});
  const inlineIngress = wholly ? twins('ingress', policy.ingress, mesh) : [];
  const inlineEgress = wholly || client ? twins('egress', policy.egress, mesh) : [];
  const companionIngress = partly ? twins('ingress', policy.ingress, mesh) : [];
  const companionEgress = partly && !client ? twins('egress', policy.egress, mesh) : [];
  const result = inlineIngress.length === 0 && inlineEgress.length === 0 ? [policy] : [{
    ...policy,
    ingress: canonicalRules([...policy.ingress, ...inlineIngress]),
    egress: canonicalRules([...policy.egress, ...inlineEgress]),
  }];
  if (companionIngress.length > 0 || companionEgress.length > 0) {
    result.push({
      ...policy,
      name: `${policy.name}${HBONE_POLICY_SUFFIX}`,
      subject: { ...subject, namespaceLabels: sortedRecord({ ...(subject.namespaceLabels ?? {}), [AMBIENT_LABEL]: AMBIENT_MODE }) },
      ingress: canonicalRules(companionIngress),
      egress: canonicalRules(companionEgress),
      description: `Istio ambient: HBONE (tcp/15008) for the meshed namespaces ${policy.name} selects. ${policy.description}`,
    });
  }
  return result;
}

function twins(direction: Direction, rules: readonly Rule[], mesh: Mesh): Rule[] {
  return rules.flatMap((rule) => hboneTwin(direction, rule, mesh) ?? []);
}

/**
 * The HBONE twin of a rule: the rule is between pods, names a TCP port, and its peer can speak
 * HBONE in that direction; a peer selected by namespace labels is narrowed to the meshed
 * namespaces among them. `undefined` when no twin is needed.
 */
function hboneTwin(direction: Direction, rule: Rule, mesh: Mesh): Rule | undefined {
  const peer = rule.peer.spec;
  if (peer.kind !== 'endpoints' || rule.anyPortReason !== undefined) return undefined;
  const tcp = rule.ports.filter((p) => p.protocol === 'TCP');
  if (tcp.length === 0) return undefined;
  let twinPeer: Peer | undefined;
  if (peer.namespace !== undefined) {
    const meshed = mesh.meshed.some((ns) => ns.name === peer.namespace);
    const client = direction === 'ingress' && mesh.clientNamespaces.has(peer.namespace);
    twinPeer = meshed || client ? rule.peer : undefined;
  } else if (peer.namespaceLabels?.[AMBIENT_LABEL] === AMBIENT_MODE) {
    twinPeer = rule.peer;
  } else if (anyMeshed(mesh, peer.namespaceLabels ?? {})) {
    twinPeer = Peer.namespacesLabelled({ ...(peer.namespaceLabels ?? {}), [AMBIENT_LABEL]: AMBIENT_MODE }, peer.podLabels);
  }
  if (twinPeer === undefined) return undefined;
  const carried = tcp.filter((p) => !p.covers(Port.HBONE)).map(String).join(', ');
  const which = twinPeer === rule.peer ? 'the same peer' : `the meshed namespaces of ${rule.peer}`;
  const description = `HBONE (Istio ambient, tcp/15008) ${direction === 'ingress' ? 'from' : 'to'} ${which}${carried ? `, carrying ${carried}` : ''}`;
  return { peer: twinPeer, ports: [Port.HBONE], description, ...(rule.downgrade !== undefined ? { downgrade: rule.downgrade } : {}) };
}

/** Whether some meshed namespace carries all of `labels` (no labels: any meshed namespace). */
function anyMeshed(mesh: Mesh, labels: Readonly<Record<string, string>>): boolean {
  return mesh.meshed.some((ns) => Object.entries(labels).every(([k, v]) => ns.labels[k] === v));
}

function subjectKey(subject: Subject): string {
  return JSON.stringify([subject.namespace ?? null, subject.namespaceLabels ?? null, subject.podLabels, subject.entity ?? null]);
}
