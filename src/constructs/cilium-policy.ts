import type { Construct } from 'constructs';
import { checkDnsLabel, checkDnsSubdomain } from '../model/names';
import type { CustomPolicyIntent, PolicyGroup } from '../model/policy';
import { checkReason } from '../model/reason';
import { checkCiliumSpec, resolveAnyPorts } from './cilium-policy-guardrails';
import { PolicySource } from './policy-source';
import { problemsOf } from './problems';

/** Properties of a `CiliumPolicy`. */
export interface CiliumPolicyProps {
  /**
   * The policy name.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * The namespace: a CiliumNetworkPolicy there; without it, a CiliumClusterwideNetworkPolicy.
   * @default - cluster-wide
   */
  readonly namespace?: string;
  /** The policy's `spec`, as in the Cilium CRD (`endpointSelector`, `ingress`, `egress`, ...). */
  readonly spec: Readonly<Record<string, unknown>>;
  /**
   * Why the policy needs hard-coded addresses (CIDR rules): the explicit opt-in.
   * @default - CIDR rules are refused
   */
  readonly hardCodedIpReason?: string;
  /**
   * The output file (without `.yaml`).
   * @default - `app-<namespace>` for a namespaced policy, `baseline` for a cluster-wide one
   */
  readonly file?: PolicyGroup;
}

/**
 * A Cilium policy written by hand, for what the typed API cannot say (L7 rules, ICMP, node
 * selectors): passed through as written, after the design's guardrails (no explicit default-deny,
 * no empty rules, no any-port rules unless written `Port.any({ reason })` in `toPorts[].ports[]`,
 * no hard-coded addresses without a reason) and the schema
 * check every object gets. Cilium only: the NetworkPolicy renderer refuses it.
 */
export class CiliumPolicy extends PolicySource {
  private readonly intent: CustomPolicyIntent;

  constructor(scope: Construct, id: string, props: CiliumPolicyProps) {
    super(scope, id);
    const problems = problemsOf(this);
    const name = props.name ?? id;
    const namespace = props.namespace;
    problems.check(() => checkDnsSubdomain('policy name', name));
    if (namespace !== undefined) problems.check(() => checkDnsLabel('namespace name', namespace));
    let reason = '';
    if (props.hardCodedIpReason !== undefined) {
      problems.check(() => { reason = checkReason(props.hardCodedIpReason, `hardCodedIpReason of CiliumPolicy ${name}`, "hardCodedIpReason: 'the NAS has no DNS name'"); });
    }
    const { spec, reasons } = resolveAnyPorts(props.spec ?? {});
    const refusals = checkCiliumSpec(spec, { cidrAllowed: reason !== '', clusterWide: namespace === undefined, anyPortRules: new Set(reasons.keys()) });
    for (const refusal of refusals) problems.add(`CiliumPolicy ${namespace ? `${namespace}/` : ''}${name} is refused: ${refusal}`);
    const addresses = reason === '' ? [] : specCidrs(spec).map((cidr) => ({ cidr, reason }));
    this.intent = {
      name,
      ...(namespace !== undefined ? { namespace } : {}),
      spec,
      ...(addresses.length > 0 ? { addresses } : {}),
      ...(reasons.size > 0 ? { anyPorts: [...reasons.entries()].map(([path, why]) => ({ path, reason: why })) } : {}),
      group: props.file ?? (namespace !== undefined ? `app-${namespace}` : 'baseline'),
      constructPath: this.node.path,
    };
  }

  policies(): [] {
    return [];
  }

  customPolicies(): CustomPolicyIntent[] {
    return [this.intent];
  }
}

/** Every CIDR a Cilium spec names (`fromCIDR`, `toCIDR`, and the `cidr` of CIDR sets). */
function specCidrs(spec: Readonly<Record<string, unknown>>): string[] {
  const cidrs: string[] = [];
  for (const field of ['ingress', 'egress', 'ingressDeny', 'egressDeny']) {
    const rules = spec[field];
    if (!Array.isArray(rules)) continue;
    for (const rule of rules as Record<string, unknown>[]) {
      for (const key of ['fromCIDR', 'toCIDR']) {
        if (Array.isArray(rule[key])) cidrs.push(...(rule[key] as unknown[]).filter((c): c is string => typeof c === 'string'));
      }
      for (const key of ['fromCIDRSet', 'toCIDRSet']) {
        if (Array.isArray(rule[key])) cidrs.push(...(rule[key] as { cidr?: unknown }[]).map((c) => c.cidr).filter((c): c is string => typeof c === 'string'));
      }
    }
  }
  return cidrs;
}
