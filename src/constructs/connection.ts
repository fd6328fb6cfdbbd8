import type { Construct } from 'constructs';
import { checkDnsSubdomain } from '../model/names';
import { Peer } from '../model/peer';
import type { PolicyGroup, PolicyIntent } from '../model/policy';
import type { Port } from '../model/port';
import { allowRule, ruleProblems } from '../model/rule';
import { subjectOf } from '../model/subject';
import { NamespaceBase } from './namespace-base';
import type { NetpolCluster } from './netpol-cluster';
import { PolicySource } from './policy-source';
import { resolvePeer } from './resolve-peer';
import { problemsOf } from './problems';

/** Properties of a `Connection`. */
export interface ConnectionProps {
  /** Where the traffic starts: pods, or an entity/CIDR (then only the receiving side gets a rule). */
  readonly from: Peer;
  /** Where the traffic goes: pods, or an entity/DNS name/CIDR (then only the sending side gets a rule). */
  readonly to: Peer;
  /** The destination ports (at least one). */
  readonly ports: readonly Port[];
  /**
   * The name of the policies on both sides.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * Why the connection exists.
   * @default - generated from the peers and ports
   */
  readonly description?: string;
}

/**
 * One allowed connection, both ends at once. Every endpoint is default-deny in both directions,
 * so traffic between two sets of pods needs an egress rule on the sender and an ingress rule on
 * the receiver; declaring them apart is the classic way to get one of them wrong. A Connection
 * emits both: policy `<name>-egress` selecting the sending pods and policy `<name>-ingress`
 * selecting the receiving pods, each in its pods' namespace (cluster-wide when the pods are
 * selected by namespace labels), in the output file of that namespace. When an end is in the Istio
 * ambient mesh, its side also allows HBONE (tcp/15008) to or from the other end where that end can
 * speak it (`withHbone`).
 *
 * @example new Connection(cluster, 'gateway-to-grafana', { from: gateways.internal, to: Peer.pods('monitoring', GRAFANA), ports: [Port.tcp(3000)] })
 */
export class Connection extends PolicySource {
  private readonly props: ConnectionProps;
  private readonly policyName: string;

  constructor(scope: Construct, id: string, props: ConnectionProps) {
    super(scope, id);
    this.props = props === undefined ? props : { ...props, from: resolvePeer(this, props.from), to: resolvePeer(this, props.to) };
    const problems = problemsOf(this);
    this.policyName = props?.name ?? id;
    problems.check(() => checkDnsSubdomain('connection name', this.policyName));
    props = this.props;
    for (const message of ruleProblems('egress', props?.to, props?.ports)) problems.add(message);
    for (const message of ruleProblems('ingress', props?.from, props?.ports)) problems.add(message);
    const from = props?.from instanceof Peer ? props.from.spec.kind : undefined;
    const to = props?.to instanceof Peer ? props.to.spec.kind : undefined;
    if (from !== undefined && to !== undefined && from !== 'endpoints' && to !== 'endpoints') {
      problems.add(`Connection from ${props.from} to ${props.to} has pods at neither end, so no policy could carry it: one end must be Peer.pods(...).`);
    }
  }

  policies(cluster: NetpolCluster): PolicyIntent[] {
    const where = this.node.path;
    const { from, to, ports } = this.props;
    const text = `${from} to ${to} on ${ports.map(String).join(', ')}`;
    const description = this.props.description ?? `Connection ${text}.`;
    const sides: PolicyIntent[] = [];
    if (from.spec.kind === 'endpoints') {
      const subject = subjectOf(from, where);
      sides.push({
        name: `${this.policyName}-egress`, ...(subject.namespace !== undefined ? { namespace: subject.namespace } : {}),
        subject, ingress: [], egress: [allowRule('egress', to, ports, where, { description: `sending side: ${text}` })],
        description, group: groupOf(cluster, subject.namespace), constructPath: where,
      });
    }
    if (to.spec.kind === 'endpoints') {
      const subject = subjectOf(to, where);
      sides.push({
        name: `${this.policyName}-ingress`, ...(subject.namespace !== undefined ? { namespace: subject.namespace } : {}),
        subject, ingress: [allowRule('ingress', from, ports, where, { description: `receiving side: ${text}` })], egress: [],
        description, group: groupOf(cluster, subject.namespace), constructPath: where,
      });
    }
    return sides;
  }
}

/** A side goes to the file of its namespace when the cluster declares it, else with the cluster-wide policies. */
function groupOf(cluster: NetpolCluster, namespace: string | undefined): PolicyGroup {
  const owner = namespace === undefined ? undefined : cluster.sourcesOf(NamespaceBase).find((n) => n.namespaceName === namespace);
  return owner?.group ?? 'connections';
}
