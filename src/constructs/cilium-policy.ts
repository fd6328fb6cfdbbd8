import type { Construct } from 'constructs';
import { checkDnsLabel, checkDnsSubdomain, checkFluxName } from '../model/names';
import type { CustomPolicyIntent, PolicyGroup } from '../model/policy';
import { checkReason } from '../model/reason';
import { applyAcceptedRisks, lintIgnoresOf, readAcceptedRisks, type AcceptedRisks, type SpecRisk } from './accepted-risks';
import { ciliumSpecRisks, resolveAnyPorts } from './cilium-policy-guardrails';
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
  /**
   * The policy's `spec`, as in the Cilium CRD (`endpointSelector`, `ingress`, `egress`, ...).
   * Give either `spec` or `specs`.
   * @default - `specs`
   */
  readonly spec?: Readonly<Record<string, unknown>>;
  /**
   * The policy's `specs`: several specs in one object (CiliumNetworkPolicy `specs`, each with its
   * own `endpointSelector`), checked one by one (`specs[1].ingress[0]`).
   * @default - `spec`
   */
  readonly specs?: readonly Readonly<Record<string, unknown>>[];
  /**
   * Why the policy needs hard-coded addresses (CIDR rules): the explicit opt-in.
   * @default - CIDR rules are refused
   */
  readonly hardCodedIpReason?: string;
  /**
   * The guardrails this policy may trip, each with why (visible text; `netpol import` writes
   * `'imported: ...'`): explicit default-deny, empty rules, any-port rules, outside peers into a
   * cluster-wide policy, one-sided flows. Each reason is written into the object's
   * `network-policy.homelab/lint-ignore` annotation for the lint rules reporting the same risk; a
   * reason for a risk the spec does not take is refused (`CiliumPolicy.risksOf` lists them).
   * @default - every guardrail refuses
   */
  readonly acceptRisks?: AcceptedRisks;
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
 * check every object gets. A policy that exists already keeps what it says with a stated reason
 * per guardrail (`acceptRisks`, `hardCodedIpReason`). Cilium only: the NetworkPolicy renderer
 * refuses it (use `KubernetesPolicy`).
 */
export class CiliumPolicy extends PolicySource {
  /**
   * The guardrails a spec trips, each with the opt-in that keeps it as written: an
   * `acceptRisks` key, or `hardCodedIp` for `hardCodedIpReason`. What `netpol import` asks
   * before writing the opt-ins of a policy it keeps as-is.
   *
   * @param spec the policy's `spec` (as `CiliumPolicyProps.spec`), or its `specs` list
   * @param options the namespace (cluster-wide without)
   * @default options - cluster-wide
   * @returns one entry per refusal, naming the field and the fix
   */
  static risksOf(spec: Readonly<Record<string, unknown>> | readonly Readonly<Record<string, unknown>>[], options: { readonly namespace?: string } = {}): SpecRisk[] {
    const list = Array.isArray(spec);
    const specs: readonly Readonly<Record<string, unknown>>[] = Array.isArray(spec) ? spec : [spec];
    return specs.flatMap((one, i) => {
      const path = list ? `specs[${i}]` : 'spec';
      const { spec: resolved, reasons } = resolveAnyPorts(one, path);
      return ciliumSpecRisks(resolved, { cidrAllowed: false, clusterWide: options.namespace === undefined, anyPortRules: new Set(reasons.keys()), path });
    });
  }

  private readonly intent: CustomPolicyIntent;

  constructor(scope: Construct, id: string, props: CiliumPolicyProps) {
    super(scope, id);
    const problems = problemsOf(this);
    const name = props.name ?? id;
    const namespace = props.namespace;
    problems.check(() => checkFluxName(checkDnsSubdomain, 'policy name', name));
    if (namespace !== undefined) problems.check(() => checkFluxName(checkDnsLabel, 'namespace name', namespace));
    let reason = '';
    if (props.hardCodedIpReason !== undefined) {
      problems.check(() => { reason = checkReason(props.hardCodedIpReason, `hardCodedIpReason of CiliumPolicy ${name}`, "hardCodedIpReason: 'the NAS has no DNS name'"); });
    }
    const what = `CiliumPolicy ${namespace ? `${namespace}/` : ''}${name}`;
    const accepted = readAcceptedRisks(this, props.acceptRisks, what);
    const list = props.specs !== undefined;
    if (list && props.spec !== undefined) problems.add(`${what} gives both spec and specs: give one.`);
    if (list && (!Array.isArray(props.specs) || props.specs.length === 0)) problems.add(`specs of ${what} must be a non-empty list of specs.`);
    const written: readonly Readonly<Record<string, unknown>>[] = list ? (Array.isArray(props.specs) ? props.specs : []) : [props.spec ?? {}];
    const parts = written.map((one, i) => {
      const path = list ? `specs[${i}]` : 'spec';
      return { path, ...resolveAnyPorts(one, path) };
    });
    const reasons = new Map(parts.flatMap((p) => [...p.reasons]));
    const found = parts.flatMap((p) => ciliumSpecRisks(p.spec, { cidrAllowed: reason !== '', clusterWide: namespace === undefined, anyPortRules: new Set(p.reasons.keys()), path: p.path }));
    const lintIgnores = lintIgnoresOf(applyAcceptedRisks(this, found, accepted, what, reason !== ''));
    const addresses = reason === '' ? [] : parts.flatMap((p) => specCidrs(p.spec)).map((cidr) => ({ cidr, reason }));
    this.intent = {
      name,
      ...(namespace !== undefined ? { namespace } : {}),
      spec: list ? {} : parts[0].spec,
      ...(list ? { specs: parts.map((p) => p.spec) } : {}),
      ...(addresses.length > 0 ? { addresses } : {}),
      ...(reasons.size > 0 ? { anyPorts: [...reasons.entries()].map(([path, why]) => ({ path, reason: why })) } : {}),
      ...(Object.keys(lintIgnores).length > 0 ? { lintIgnores } : {}),
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
