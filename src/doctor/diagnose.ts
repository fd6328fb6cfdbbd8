import { policySpecs } from '../manifests/policies';
import { knownProfiles, POLICY_FREE_PROFILES, selectedNamespaceLabels } from '../manifests/selector-vocabulary';
import type { Manifest } from '../manifests/manifest';
import { ACCESS_LABEL_PREFIX, BUILTIN_PROFILES, PLATFORM_LABEL, PROFILE_LABEL, WELL_KNOWN_PLATFORM_NAMESPACES } from '../model/labels';
import { Simulator, type Flow, type FlowVerdict, type Topology } from '../probe';
import type { DoctorReport, DropCause, DropGroup, Regression } from './doctor-report';
import { accessLabelFix, appEgressFix, appIngressFix, BASELINE_FIXES, platformRuleFix, profileFix, type PeerDescription } from './fixes';
import { FlowTopology } from './flow-topology';
import type { HubbleFlow } from './hubble-flow';
import { applyChange, changeKey, type NamespaceChange } from './namespace-change';
import { compareText } from '../model/compare';

/** Options of `diagnose`. */
export interface DoctorOptions {
  /**
   * Pods, namespaces and externals the flows do not show (the `--topology` file).
   * @default - only what the flows show
   */
  readonly topology?: Topology;
  /**
   * Extra platform namespaces.
   * @default - namespaces labelled `network-policy.homelab/platform: "true"` and the well-known list
   */
  readonly platformNamespaces?: readonly string[];
  /**
   * The file defining each platform namespace, for fixes (see `findPlatformSources`).
   * @default - `platform/<namespace>.ts`
   */
  readonly platformSources?: Readonly<Record<string, string>>;
}

/** Drop reasons of policy verdicts (flow.proto DropReason: POLICY_DENIED 133, POLICY_DENY 181 for deny rules). */
const POLICY_DROP_REASONS = new Set(['POLICY_DENIED', 'POLICY_DENY']);

/**
 * Explains Hubble policy drops against the manifests of this repo and proposes the change to
 * make: for each dropped flow it asks the flow simulator whether one label change (an access
 * label on the source namespace, or another profile on the denying side) would allow it, and
 * keeps the first that does, narrowest first; drops a label cannot fix are classified by
 * shape (missing baseline, platform namespace without a rule). Forwarded flows the manifests
 * would deny are reported as regressions. `AUDIT` verdicts (policy audit mode) count as drops.
 *
 * @param flows the parsed Hubble flows
 * @param manifests the manifests of this repo
 * @param options extra topology and platform namespaces
 * @throws InputError when the simulator cannot read the manifests
 */
export function diagnose(flows: readonly HubbleFlow[], manifests: readonly Manifest[], options: DoctorOptions = {}): DoctorReport {
  const builder = new FlowTopology(options.topology);
  const skipped = new Map<string, number>();
  const skip = (reason: string): void => { skipped.set(reason, (skipped.get(reason) ?? 0) + 1); };
  const drops: { hubble: HubbleFlow; flow: Flow }[] = [];
  const forwarded: Flow[] = [];
  for (const hubble of flows) {
    const isDrop = (hubble.verdict === 'DROPPED' && POLICY_DROP_REASONS.has(hubble.dropReason ?? '')) || hubble.verdict === 'AUDIT';
    if (!isDrop && hubble.verdict !== 'FORWARDED') { skip(`${hubble.verdict}${hubble.dropReason ? ` ${hubble.dropReason}` : ''}: not a policy verdict`); continue; }
    if (hubble.isReply) { skip('reply of an established connection'); continue; }
    const flow = builder.add(hubble);
    if (typeof flow === 'string') { skip(flow); continue; }
    if (isDrop) drops.push({ hubble, flow });
    else forwarded.push(flow);
  }
  const context = new Diagnosis(manifests, builder.topology(), options.platformNamespaces ?? [], options.platformSources ?? {});
  const groups = new Map<string, { cause: DropCause; fix: string; examples: Set<string>; flows: number; reason: string }>();
  // Hubble reports one connection many times (retries, both nodes): classify each distinct flow once.
  const classified = new Map<string, { cause: DropCause; fix: string; reason: string }>();
  for (const { hubble, flow } of drops) {
    const memo = `${describeFlow(flow)} ${hubble.sourceIp ?? ''}`;
    const result = classified.get(memo) ?? context.classify(hubble, flow);
    classified.set(memo, result);
    const { cause, fix, reason } = result;
    const key = `${cause}\u0000${fix}`;
    const group = groups.get(key) ?? { cause, fix, examples: new Set<string>(), flows: 0, reason };
    group.flows += 1;
    group.examples.add(describeFlow(flow));
    groups.set(key, group);
  }
  const regressions = new Map<string, { flows: number; reason: string }>();
  const decided = new Map<string, FlowVerdict>();
  for (const flow of forwarded) {
    const key = describeFlow(flow);
    const verdict = decided.get(key) ?? context.evaluate(undefined, flow);
    decided.set(key, verdict);
    if (verdict.verdict === 'allow') continue;
    const before = regressions.get(key);
    regressions.set(key, { flows: (before?.flows ?? 0) + 1, reason: before?.reason ?? denyReason(verdict) });
  }
  return {
    drops: [...groups.values()].map((g): DropGroup => ({ cause: g.cause, fix: g.fix, flows: g.flows, examples: [...g.examples].sort().slice(0, 3), reason: g.reason }))
      .sort((a, b) => b.flows - a.flows || compareText(a.cause, b.cause) || compareText(a.fix, b.fix)),
    regressions: [...regressions.entries()].map(([flow, r]): Regression => ({ flow, flows: r.flows, reason: r.reason }))
      .sort((a, b) => b.flows - a.flows || compareText(a.flow, b.flow)),
    skipped: [...skipped.entries()].map(([reason, count]) => ({ reason, flows: count })).sort((a, b) => b.flows - a.flows || compareText(a.reason, b.reason)),
    totals: { flows: flows.length, policyDrops: drops.length, forwarded: forwarded.length },
    notices: context.notices(),
  };
}

/**
 * Names a flow the way reports do: `from -> to port/protocol`.
 *
 * @param flow the flow
 */
export function describeFlow(flow: Flow): string {
  return `${flow.from} -> ${flow.to} ${flow.port}/${flow.protocol}`;
}

function denyReason(verdict: FlowVerdict): string {
  const sides = [verdict.egress.verdict === 'deny' ? `egress: ${verdict.egress.reason ?? 'denied'}` : undefined,
    verdict.ingress.verdict === 'deny' ? `ingress: ${verdict.ingress.reason ?? 'denied'}` : undefined];
  return sides.filter(Boolean).join('; ');
}

/** The simulators of one doctor run: the manifests as they are, and with each candidate change. */
class Diagnosis {
  private readonly simulators = new Map<string, Simulator>();
  private readonly accessLabels: [string, string][];
  private readonly profiles: string[];
  private readonly platform: Set<string>;

  constructor(private readonly manifests: readonly Manifest[], private readonly topology: Topology, platform: readonly string[],
    private readonly sources: Readonly<Record<string, string>>) {
    const selected = selectedNamespaceLabels(policySpecs(manifests));
    this.accessLabels = [...selected.entries()].filter(([key]) => key.startsWith(ACCESS_LABEL_PREFIX))
      .map(([key, values]): [string, string] => [key, values === 'any' || values.has('true') ? 'true' : [...values].sort()[0]]).sort(([a], [b]) => compareText(a, b));
    const profiles = knownProfiles(selected);
    const known = profiles === 'any' ? POLICY_FREE_PROFILES : profiles;
    const order = (p: string): number => { const i = (BUILTIN_PROFILES as readonly string[]).indexOf(p); return i < 0 ? BUILTIN_PROFILES.length : i; };
    this.profiles = [...known].sort((a, b) => order(a) - order(b) || compareText(a, b));
    this.platform = new Set([...WELL_KNOWN_PLATFORM_NAMESPACES, ...platform]);
    this.simulator(undefined);
  }

  notices(): string[] {
    return [...this.simulator(undefined).notices];
  }

  evaluate(change: NamespaceChange | undefined, flow: Flow): FlowVerdict {
    return this.simulator(change).evaluate(flow);
  }

  classify(hubble: HubbleFlow, flow: Flow): { cause: DropCause; fix: string; reason: string } {
    const base = this.evaluate(undefined, flow);
    const reason = denyReason(base);
    if (base.verdict === 'allow') {
      return { cause: 'allowed-by-manifests', fix: 'nothing to change in this repo: its manifests allow these flows, so the cluster runs other policies; deploy the manifests', reason: 'allowed by the manifests' };
    }
    const src = this.pod(flow.from);
    const dst = this.pod(flow.to);
    const baseline = baselineOf(hubble, flow, src, dst);
    if (baseline) return { cause: 'missing-baseline', fix: BASELINE_FIXES[baseline], reason };
    for (const candidate of this.candidates(base, src, dst)) {
      if (this.evaluate(candidate.change, flow).verdict !== 'allow') continue;
      return { cause: candidate.cause(flow, src), fix: candidate.fix, reason };
    }
    const fixes: string[] = [];
    let cause: DropCause = 'unexplained';
    if (base.ingress.verdict === 'deny' && dst) {
      if (this.isPlatform(dst.namespace)) {
        fixes.push(platformRuleFix('ingress', dst.namespace, this.peer(flow.from, src, hubble), dst.labels, flow, this.sources[dst.namespace]));
        cause = 'platform-namespace-without-rule';
      } else {
        fixes.push(appIngressFix(dst.namespace, this.peer(flow.from, src, hubble), flow));
        cause = 'app-namespace-without-rule';
      }
    }
    if (base.egress.verdict === 'deny' && src) {
      const peer = this.peer(flow.to, dst, hubble);
      if (this.isPlatform(src.namespace)) {
        fixes.push(platformRuleFix('egress', src.namespace, peer, src.labels, flow, this.sources[src.namespace]));
        cause = 'platform-namespace-without-rule';
      } else {
        fixes.push(appEgressFix(src.namespace, peer, flow));
        if (cause === 'unexplained') cause = dst && this.isPlatform(dst.namespace) ? 'platform-namespace-without-rule' : 'app-namespace-without-rule';
      }
    }
    return { cause, fix: fixes.length > 0 ? fixes.join('; and ') : `no change in this repo allows it (${reason})`, reason };
  }

  private candidates(base: FlowVerdict, src: PodInfo | undefined, dst: PodInfo | undefined): Candidate[] {
    const list: Candidate[] = [];
    if (src && !this.isPlatform(src.namespace)) {
      for (const [key, value] of this.accessLabels) {
        if (src.namespaceLabels[key] === value) continue;
        list.push({ change: { namespace: src.namespace, key, value }, fix: accessLabelFix(src.namespace, key, value), cause: () => 'missing-access-label' });
      }
    }
    const sides: PodInfo[] = [];
    if (base.egress.verdict === 'deny' && src) sides.push(src);
    if (base.ingress.verdict === 'deny' && dst && dst.namespace !== src?.namespace) sides.push(dst);
    for (const side of sides.filter((s) => !this.isPlatform(s.namespace))) {
      const current = side.namespaceLabels[PROFILE_LABEL];
      for (const profile of this.profiles.filter((p) => p !== current)) {
        list.push({
          change: { namespace: side.namespace, key: PROFILE_LABEL, value: profile },
          fix: profileFix(side.namespace, profile, current),
          cause: (flow, source) => profileCause(flow, source),
        });
      }
    }
    return list;
  }

  private isPlatform(namespace: string): boolean {
    return this.platform.has(namespace) || this.namespaceLabels(namespace)[PLATFORM_LABEL] === 'true';
  }

  private namespaceLabels(namespace: string): Record<string, string> {
    const manifest = this.manifests.find((m) => m.object.kind === 'Namespace' && m.object.metadata.name === namespace);
    return { ...this.topology.namespaces.get(namespace)?.labels, ...manifest?.object.metadata.labels };
  }

  private pod(ref: string): PodInfo | undefined {
    if (ref.startsWith('external:') || ref.startsWith('entity:')) return undefined;
    const [namespace, pod] = ref.split('/');
    return { namespace, labels: this.topology.namespaces.get(namespace)?.pods.get(pod)?.labels ?? {}, namespaceLabels: this.namespaceLabels(namespace) };
  }

  private peer(ref: string, pod: PodInfo | undefined, hubble: HubbleFlow): PeerDescription {
    if (pod) return { ref, namespace: pod.namespace, labels: pod.labels };
    const fqdn = ref.startsWith('external:') ? [...hubble.destinationNames].sort()[0] : undefined;
    return { ref, ...(fqdn ? { fqdn } : {}) };
  }

  private simulator(change: NamespaceChange | undefined): Simulator {
    const key = change ? changeKey(change) : '';
    let simulator = this.simulators.get(key);
    if (!simulator) {
      const input = change ? applyChange(this.manifests, this.topology, change) : { manifests: [...this.manifests], topology: this.topology };
      simulator = Simulator.build(input.manifests, input.topology);
      this.simulators.set(key, simulator);
    }
    return simulator;
  }
}

/** A pod peer as the diagnosis sees it. */
interface PodInfo {
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly namespaceLabels: Readonly<Record<string, string>>;
}

/** A candidate change and how to describe it when it works. */
interface Candidate {
  readonly change: NamespaceChange;
  readonly fix: string;
  readonly cause: (flow: Flow, source: PodInfo | undefined) => DropCause;
}

function profileCause(flow: Flow, source: PodInfo | undefined): DropCause {
  if (flow.to.startsWith('external:') && flow.port === 443) return 'profile-without-https-egress';
  if (source && (source.namespace === 'istio-gateway' || source.labels['gateway.networking.k8s.io/gateway-name'] !== undefined)) return 'profile-without-gateway-ingress';
  return 'profile-lacks-rule';
}

/** Flows only a baseline allows in the design: DNS to kube-system, health checks, Prometheus scrapes. */
function baselineOf(hubble: HubbleFlow, flow: Flow, src: PodInfo | undefined, dst: PodInfo | undefined): keyof typeof BASELINE_FIXES | undefined {
  if (flow.port === 53 && dst?.namespace === 'kube-system') return 'dns';
  if (flow.from === 'entity:health' || hubble.sourceIp === '169.254.7.127') return 'health';
  if (src?.namespace === 'monitoring' && src.labels['app.kubernetes.io/name'] === 'prometheus' && dst !== undefined) return 'prometheus';
  return undefined;
}
