import type { Construct } from 'constructs';
import { checkDnsLabel, checkDnsSubdomain, checkFluxName } from '../model/names';
import type { KubernetesPolicyIntent, PolicyGroup } from '../model/policy';
import { checkReason } from '../model/reason';
import { applyAcceptedRisks, lintIgnoresOf, readAcceptedRisks, type AcceptedRisks, type SpecRisk } from './accepted-risks';
import { Renderer } from './cluster-settings';
import { kubernetesSpecRisks } from './kubernetes-policy-guardrails';
import { NetpolCluster } from './netpol-cluster';
import { PolicySource } from './policy-source';
import { problemsOf } from './problems';

/** Properties of a `KubernetesPolicy`. */
export interface KubernetesPolicyProps {
  /**
   * The policy name.
   * @default - the construct id
   */
  readonly name?: string;
  /** The namespace (a NetworkPolicy is namespaced). */
  readonly namespace: string;
  /** The policy's `spec`, as in the NetworkPolicy API (`podSelector`, `policyTypes`, `ingress`, `egress`). */
  readonly spec: Readonly<Record<string, unknown>>;
  /**
   * Why the policy needs hard-coded addresses (`ipBlock` peers): the explicit opt-in.
   * @default - ipBlock peers are refused
   */
  readonly hardCodedIpReason?: string;
  /**
   * The guardrails this policy may trip, each with why (visible text; `netpol import` writes
   * `'imported: ...'`): explicit default-deny (Cilium renderer), empty rules, any-port rules,
   * ipBlocks reaching a private range, one-sided flows. Each reason is written into the object's
   * `network-policy.homelab/lint-ignore` annotation; a reason for a risk the spec does not take
   * is refused (`KubernetesPolicy.risksOf` lists them).
   * @default - every guardrail refuses
   */
  readonly acceptRisks?: AcceptedRisks;
  /**
   * The output file (without `.yaml`).
   * @default - `app-<namespace>`
   */
  readonly file?: PolicyGroup;
}

/**
 * A `networking.k8s.io/v1` NetworkPolicy written by hand, passed through as written on both
 * renderers (Cilium enforces NetworkPolicy next to its own policies), after the design's
 * guardrails (`kubernetesSpecRisks`: no explicit default-deny on Cilium, no empty rules, no
 * any-port rules, no ipBlocks without a reason or reaching a whole private range) and the schema
 * check every object gets. A policy that exists already keeps what it says with a stated reason
 * per guardrail (`acceptRisks`, `hardCodedIpReason`). On the NetworkPolicy renderer, a
 * namespace whose `KubernetesPolicy` is itself a full default-deny (every pod, both directions,
 * no rule) gets no second `default-deny` from the renderer.
 *
 * @example
 * new KubernetesPolicy(cluster, 'allow-web', {
 *   namespace: 'shop',
 *   spec: {
 *     podSelector: { matchLabels: { app: 'api' } },
 *     policyTypes: ['Ingress'],
 *     ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ protocol: 'TCP', port: 8080 }] }],
 *   },
 * });
 */
export class KubernetesPolicy extends PolicySource {
  /**
   * The guardrails a spec trips, each with the opt-in that keeps it as written: an
   * `acceptRisks` key, or `hardCodedIp` for `hardCodedIpReason`.
   *
   * @param spec the NetworkPolicy `spec`
   * @param options the renderer of the cluster
   * @default options - `Renderer.CILIUM`
   * @returns one entry per refusal, naming the field and the fix
   */
  static risksOf(spec: Readonly<Record<string, unknown>>, options: { readonly renderer?: Renderer } = {}): SpecRisk[] {
    return kubernetesSpecRisks(spec, { cilium: (options.renderer ?? Renderer.CILIUM) === Renderer.CILIUM });
  }

  private readonly intent: KubernetesPolicyIntent;

  constructor(scope: Construct, id: string, props: KubernetesPolicyProps) {
    super(scope, id);
    const problems = problemsOf(this);
    const name = props.name ?? id;
    const namespace = props.namespace;
    problems.check(() => checkFluxName(checkDnsSubdomain, 'policy name', name));
    problems.check(() => checkFluxName(checkDnsLabel, 'namespace name', namespace));
    const what = `KubernetesPolicy ${namespace}/${name}`;
    let reason = '';
    if (props.hardCodedIpReason !== undefined) {
      problems.check(() => { reason = checkReason(props.hardCodedIpReason, `hardCodedIpReason of ${what}`, "hardCodedIpReason: 'the NAS has no DNS name'"); });
    }
    const accepted = readAcceptedRisks(this, props.acceptRisks, what);
    const spec = props.spec ?? {};
    if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) problems.add(`spec of ${what} must be an object (podSelector, policyTypes, ingress, egress).`);
    const renderer = NetpolCluster.tryOf(this)?.renderer ?? Renderer.CILIUM;
    const found = kubernetesSpecRisks(spec, { cilium: renderer === Renderer.CILIUM });
    const lintIgnores = lintIgnoresOf(applyAcceptedRisks(this, found, accepted, what, reason !== ''));
    const addresses = reason === '' ? [] : ipBlockCidrs(spec).map((cidr) => ({ cidr, reason }));
    this.intent = {
      name,
      namespace,
      spec,
      ...(addresses.length > 0 ? { addresses } : {}),
      ...(Object.keys(lintIgnores).length > 0 ? { lintIgnores } : {}),
      group: props.file ?? `app-${namespace}`,
      constructPath: this.node.path,
    };
  }

  policies(): [] {
    return [];
  }

  networkPolicies(): KubernetesPolicyIntent[] {
    return [this.intent];
  }
}

/** Every `ipBlock.cidr` a NetworkPolicy spec names. */
function ipBlockCidrs(spec: Readonly<Record<string, unknown>>): string[] {
  const cidrs: string[] = [];
  for (const [field, key] of [['ingress', 'from'], ['egress', 'to']] as const) {
    const rules = spec[field];
    if (!Array.isArray(rules)) continue;
    for (const rule of rules as Record<string, unknown>[]) {
      const peers = rule !== null && typeof rule === 'object' ? rule[key] : undefined;
      if (!Array.isArray(peers)) continue;
      for (const peer of peers as { ipBlock?: { cidr?: unknown } }[]) {
        if (typeof peer?.ipBlock?.cidr === 'string') cidrs.push(peer.ipBlock.cidr);
      }
    }
  }
  return cidrs;
}
