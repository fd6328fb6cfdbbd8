/**
 * The conformance harness: tiny builders for manifests and topologies, and checks that run
 * `netpol probe` in-process (see run-probe.ts) and compare its verdicts with a truth table or a
 * list of flows, failing with a readable diff.
 */
import { runProbe, type CniName, type PodDoc, type ProbeLine, type ProbeRun, type ProtocolName, type TopologyDoc, type VerdictName } from './run-probe';
import { diffTables, TruthTable } from './truth-table';

export { TruthTable } from './truth-table';
export type { CniName, ProbeLine, ProbeRun, ProtocolName, TopologyDoc, VerdictName } from './run-probe';

/** The namespaces of the upstream e2e model, in order. */
export const E2E_NAMESPACES = ['x', 'y', 'z'] as const;

/** The pod names of the upstream e2e model, in order. */
export const E2E_PODS = ['a', 'b', 'c'] as const;

/**
 * The IP this harness gives an e2e pod: `10.244.<namespace 1-3>.<pod 1-3>` (x/a = 10.244.1.1).
 * The upstream tests read real pod IPs from the API; any fixed, distinct addresses do.
 *
 * @param pod the pod as `ns/pod`
 */
export function podIp(pod: string): string {
  const [ns, name] = pod.split('/');
  const n = (E2E_NAMESPACES as readonly string[]).indexOf(ns);
  const p = (E2E_PODS as readonly string[]).indexOf(name);
  if (n < 0 || p < 0) throw new Error(`podIp: "${pod}" is not an e2e pod; use x|y|z/a|b|c.`);
  return `10.244.${n + 1}.${p + 1}`;
}

/**
 * The topology of an upstream e2e test (kubemanager.go / model.go): namespaces x, y, z (labelled
 * only with the implied `kubernetes.io/metadata.name`), the given pods labelled `pod: <name>`,
 * each serving ports 80 and 81 over TCP, UDP and SCTP with upstream's container port names
 * `serve-<port>-<protocol>`.
 *
 * @param pods the pods as `ns/pod`, e.g. `x/a`
 */
export function e2eTopology(...pods: string[]): TopologyDoc {
  const namespaces: Record<string, { pods: Record<string, PodDoc> }> = {};
  for (const ns of E2E_NAMESPACES) namespaces[ns] = { pods: {} };
  for (const pod of pods) {
    const [ns, name] = pod.split('/');
    namespaces[ns].pods[name] = {
      labels: { pod: name },
      ip: podIp(pod),
      ports: [80, 81].flatMap((port) => (['TCP', 'UDP', 'SCTP'] as const).map((protocol) => ({ name: `serve-${port}-${protocol.toLowerCase()}`, port, protocol }))),
    };
  }
  return { namespaces };
}

/** A networking.k8s.io/v1 NetworkPolicy. */
export function networkPolicy(namespace: string, name: string, spec: object): object {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec };
}

/** A cilium.io/v2 CiliumNetworkPolicy. */
export function ciliumNetworkPolicy(namespace: string, name: string, spec: object): object {
  return { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name, namespace }, spec };
}

/** A cilium.io/v2 CiliumClusterwideNetworkPolicy. */
export function ciliumClusterwideNetworkPolicy(name: string, spec: object): object {
  return { apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', metadata: { name }, spec };
}

/** A v1 Namespace whose labels the probe merges into the topology. */
export function namespaceObject(name: string, labels: Record<string, string>): object {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

/** What `expectTable` checks. */
export interface TableCheck {
  readonly manifests: readonly object[];
  readonly topology: TopologyDoc;
  readonly cni: CniName;
  readonly port: number;
  /**
   * The protocol.
   *
   * @default - TCP
   */
  readonly protocol?: ProtocolName;
  /** The expected reachability; every non-loopback cell becomes one probe with `expect`. */
  readonly expected: TruthTable;
}

/**
 * Probes every cell of `expected` and fails, with expected/observed/comparison grids and the
 * deciding policies of each wrong cell, unless the verdicts match; also checks that the exit
 * status and the `ok` fields agree with the verdicts (flow-probe spec, "Exit status").
 *
 * @returns the run, for further assertions on `by` and `reason`
 */
export async function expectTable(check: TableCheck): Promise<ProbeRun> {
  const protocol = check.protocol ?? 'TCP';
  const pairs = check.expected.pairs();
  const run = await runProbe({
    manifests: check.manifests,
    topology: check.topology,
    cni: check.cni,
    probes: pairs.map(([from, to]) => ({ from, to, port: check.port, protocol, expect: verdictOf(check.expected.get(from, to)) })),
  });
  const byCell = new Map(run.lines.map((l) => [`${l.from} ${l.to}`, l]));
  const observed = check.expected.map((from, to) => byCell.get(`${from} ${to}`)?.verdict === 'allow');
  const diff = diffTables(check.expected, observed);
  if (diff !== undefined) {
    const wrong = run.lines.filter((l) => l.verdict !== l.expect).map(explain);
    throw new Error(`--cni ${check.cni}, ${protocol}/${check.port}: ${diff}\nwrong cells:\n${wrong.join('\n')}`);
  }
  checkStatus(run);
  return run;
}

/** One expected flow: `[from, to, port, protocol, verdict]`. */
export type FlowCase = readonly [from: string, to: string, port: number, protocol: ProtocolName, verdict: VerdictName];

/** What `expectFlows` checks. */
export interface FlowCheck {
  readonly manifests: readonly object[];
  readonly topology: TopologyDoc;
  readonly cni: CniName;
  readonly flows: readonly FlowCase[];
}

/**
 * Probes each flow and fails, listing every wrong flow with both sides' verdicts, `by` and
 * `reason`, unless each verdict is the expected one; also checks the exit status and `ok`.
 *
 * @returns the run, for further assertions on `by` and `reason`
 */
export async function expectFlows(check: FlowCheck): Promise<ProbeRun> {
  const run = await runProbe({
    manifests: check.manifests,
    topology: check.topology,
    cni: check.cni,
    probes: check.flows.map(([from, to, port, protocol, verdict]) => ({ from, to, port, protocol, expect: verdict })),
  });
  const wrong = run.lines.filter((l) => l.verdict !== l.expect);
  if (wrong.length > 0) {
    throw new Error(`--cni ${check.cni}: ${wrong.length} of ${run.lines.length} flows wrong:\n${wrong.map(explain).join('\n')}`);
  }
  checkStatus(run);
  return run;
}

function verdictOf(allowed: boolean | undefined): VerdictName {
  return allowed ? 'allow' : 'deny';
}

function explain(l: ProbeLine): string {
  const side = (name: string, s: ProbeLine['egress']): string => `${name} ${s.verdict}${s.by.length ? ` by [${s.by.join(', ')}]` : ''}${s.reason ? ` (${s.reason})` : ''}`;
  return `  ${l.from} -> ${l.to} ${l.protocol}/${l.port}: expected ${l.expect}, got ${l.verdict}; ${side('egress', l.egress)}; ${side('ingress', l.ingress)}`;
}

/**
 * Contract checks on every line, whatever the verdicts (flow-probe spec, "Output"): a connection is
 * allowed exactly when egress and ingress both allow, and every denying side says why.
 */
function checkLines(run: ProbeRun): void {
  for (const l of run.lines) {
    const both = l.egress.verdict === 'allow' && l.ingress.verdict === 'allow';
    if ((l.verdict === 'allow') !== both) throw new Error(`verdict ${l.verdict} disagrees with egress ${l.egress.verdict} and ingress ${l.ingress.verdict}: ${JSON.stringify(l)}`);
    for (const side of [l.egress, l.ingress]) {
      if (side.verdict === 'deny' && !side.reason) throw new Error(`a denying side has no reason: ${JSON.stringify(l)}`);
    }
  }
}

function checkStatus(run: ProbeRun): void {
  checkLines(run);
  const notOk = run.lines.filter((l) => l.ok !== true);
  if (notOk.length > 0) throw new Error(`every verdict met its expect, but ${notOk.length} lines do not say "ok": true:\n${notOk.map((l) => JSON.stringify(l)).join('\n')}`);
  if (run.code !== 0) throw new Error(`every probe met its expect, but the exit status is ${run.code}, not 0.\n${run.stderr}`);
}
