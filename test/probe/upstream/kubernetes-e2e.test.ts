/**
 * The upstream Kubernetes NetworkPolicy conformance scenarios, ported to `netpol probe`.
 *
 * Source: kubernetes/kubernetes test/e2e/network/netpol/network_policy.go (contexts "NetworkPolicy
 * between server and client", "... using UDP", "... using SCTP"); helpers policies.go
 * (`SetSpecIngressRules`/`SetSpecEgressRules` also set `policyTypes`), kubemanager.go/model.go
 * (pods labelled `pod: <name>`, container ports `serve-<port>-<protocol>`). Test names are the
 * upstream `f.It` names; policies and truth tables restate each test, loopback is ignored as
 * upstream does. Each scenario runs under `--cni kubernetes` and `--cni cilium`: Cilium enforces
 * NetworkPolicy the same way except that ipBlock never selects pods (flow-probe spec, and
 * docs.cilium.io Policy Language > IP/CIDR based > "Selecting nodes with CIDR / ipBlock": "By
 * default, CIDR-based selectors do not match in-cluster entities (pods or nodes)").
 */
import { describe, expect, test } from 'vitest';
import { e2eTopology, expectFlows, expectTable, TruthTable, type CniName } from './harness';
import { API_REFERENCE, denyIngressX, perProtocol, policy, SERVER_AND_CLIENT, type Scenario } from './kubernetes-e2e-scenarios';
import { runProbe } from './run-probe';

const CNIS: readonly ('kubernetes' | 'cilium')[] = ['kubernetes', 'cilium'];

async function run(scenario: Scenario, cni: 'kubernetes' | 'cilium'): Promise<void> {
  for (const step of scenario.steps) {
    const edit = typeof step.expect === 'function' ? step.expect : step.expect[cni];
    await expectTable({
      manifests: step.manifests,
      topology: step.topology ?? e2eTopology(...scenario.pods),
      cni: cni as CniName,
      port: step.port,
      protocol: step.protocol,
      expected: edit(TruthTable.of(scenario.pods, true)),
    });
  }
}

describe.each(CNIS)('Netpol (--cni %s)', (cni) => {
  describe('NetworkPolicy between server and client', () => {
    test.each(SERVER_AND_CLIENT)('$name', (scenario) => run(scenario, cni));
  });

  describe.each(['UDP', 'SCTP'] as const)('NetworkPolicy between server and client using %s', (protocol) => {
    test.each(perProtocol(protocol))('$name', (scenario) => run(scenario, cni));
  });

  describe('networking.k8s.io/v1 API reference', () => {
    test.each(API_REFERENCE)('$name', (scenario) => run(scenario, cni));
  });
});

/**
 * kubernetes.io Concepts > Network Policies: the entities a pod can talk to include "IP blocks
 * (exception: traffic to and from the node where a Pod is running is always allowed, regardless of
 * the IP address of the Pod or the node)". Under Cilium the exemption is allow-localhost, which
 * covers traffic from the local host (flow-probe spec); other nodes get none.
 */
describe('the node where a Pod is running', () => {
  const denyAll = policy('deny-all', {}, { ingress: [], egress: [] });

  test('--cni kubernetes: the local node reaches an isolated pod and back, other nodes do not', () => expectFlows({
    manifests: [denyAll],
    topology: e2eTopology('x/a', 'y/a'),
    cni: 'kubernetes',
    flows: [['entity:host', 'x/a', 80, 'TCP', 'allow'], ['x/a', 'entity:host', 10250, 'TCP', 'allow'], ['entity:remote-node', 'x/a', 80, 'TCP', 'deny'], ['y/a', 'x/a', 80, 'TCP', 'deny']],
  }));

  test('--cni cilium: the local host reaches an isolated pod (not the reverse), a remote node does not', () => expectFlows({
    manifests: [denyAll],
    topology: e2eTopology('x/a', 'y/a'),
    cni: 'cilium',
    flows: [['entity:host', 'x/a', 80, 'TCP', 'allow'], ['x/a', 'entity:host', 10250, 'TCP', 'deny'], ['entity:remote-node', 'x/a', 80, 'TCP', 'deny'], ['y/a', 'x/a', 80, 'TCP', 'deny']],
  }));
});

describe('the harness', () => {
  test('fails when a verdict differs, showing expected, observed and comparison grids', async () => {
    // GIVEN a default-deny-ingress policy in x
    // WHEN the table wrongly expects y/a -> x/a to be allowed
    const wrong = expectTable({ manifests: [denyIngressX], topology: e2eTopology('x/a', 'y/a'), cni: 'kubernetes', port: 80, expected: TruthTable.of(['x/a', 'y/a'], true) });
    // THEN the failure shows the grids and the wrong cell
    await expect(wrong).rejects.toThrow(/1 of 2 cells differ[\s\S]*expected:[\s\S]*observed:[\s\S]*comparison[\s\S]*y\/a -> x\/a TCP\/80: expected allow, got deny/);
  });

  test('a probe whose expect is not met exits 1 with "ok": false', async () => {
    // GIVEN a default-deny-ingress policy in x and a probe expecting y/a -> x/a to be allowed
    const run = await runProbe({ manifests: [denyIngressX], topology: e2eTopology('x/a', 'y/a'), cni: 'kubernetes', probes: [{ from: 'y/a', to: 'x/a', port: 80, protocol: 'TCP', expect: 'allow' }] });
    // THEN the line says deny and not ok, and the exit status is 1 (flow-probe spec, "Exit status")
    expect(run.lines[0]).toMatchObject({ verdict: 'deny', expect: 'allow', ok: false });
    expect(run.code).toBe(1);
  });

  test('parses and renders a grid', () => {
    const grid = TruthTable.parse(`
          x/a x/b
      x/a -   X
      x/b .   -
    `);
    expect(grid.get('x/a', 'x/b')).toBe(false);
    expect(grid.get('x/b', 'x/a')).toBe(true);
    expect(grid.render()).toBe('     x/a x/b\nx/a  -   X  \nx/b  .   -  ');
  });
});
