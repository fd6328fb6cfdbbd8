/**
 * Per-flow notices (flow-probe spec, "Output": `notices`): what the simulator does not model
 * (`toServices`, `fromRequires`/`toRequires`, layer-7 rules, mutual authentication, host
 * policies) is named on every flow it might change, in the verdict itself and so in
 * `netpol probe --format json`, not only on stderr.
 */
import * as fs from 'node:fs';
import { afterAll, describe, expect, test } from 'vitest';
import { captureIo } from '../../src/cli/io';
import { main } from '../../src/cli/main';
import { Simulator } from '../../src/probe/simulator';
import type { Cni } from '../../src/probe/flow';
import type { Manifest } from '../../src/manifests/manifest';
import { ccnp, cnp, np, topology } from './builders';
import { writeFixture } from './cli/fixture';

const TO_SERVICES = cnp('x', 'to-svc', { endpointSelector: { matchLabels: { pod: 'a' } }, egress: [{ toServices: [{ k8sService: { serviceName: 'api', namespace: 'y' } }] }] });
const FROM_REQUIRES = ccnp('requires-prod', { endpointSelector: { matchLabels: { 'io.kubernetes.pod.namespace': 'y' } }, ingress: [{ fromRequires: [{ matchLabels: { env: 'prod' } }] }] });

function notices(manifests: Manifest[], from: string, to: string, port = 80, cni: Cni = 'cilium'): readonly string[] | undefined {
  return Simulator.build(manifests, topology(), { cni }).evaluate({ from, to, port, protocol: 'TCP' }).notices;
}

describe('flow notices', () => {
  test('a toServices rule is named on the flows of the endpoints its policy selects', () => {
    const expected = ['CiliumNetworkPolicy x/to-svc spec.egress[0].toServices is not modelled; those peers never match in the simulation.'];
    expect(notices([TO_SERVICES], 'x/a', 'y/a')).toEqual(expected);
    expect(notices([TO_SERVICES], 'x/a', 'external:github')).toEqual(expected);
    // The policy selects the destination: the flow is "of a policy that selects either end".
    expect(notices([TO_SERVICES], 'y/a', 'x/a')).toEqual(expected);
  });

  test('flows whose ends no such policy selects carry no notices (the field is absent)', () => {
    expect(notices([TO_SERVICES], 'x/b', 'y/a')).toBeUndefined();
    expect(notices([TO_SERVICES], 'external:github', 'y/b')).toBeUndefined();
  });

  test('fromRequires is named on flows into the endpoints it constrains', () => {
    expect(notices([FROM_REQUIRES], 'x/a', 'y/b')).toEqual(['CiliumClusterwideNetworkPolicy requires-prod spec.ingress[0].fromRequires is not modelled; those peers never match in the simulation.']);
    expect(notices([FROM_REQUIRES], 'x/a', 'z/b')).toBeUndefined();
  });

  test('toRequires, layer-7 rules and mutual authentication are named too, once each, sorted', () => {
    const policy = cnp('x', 'mixed', {
      endpointSelector: {},
      egress: [
        { toRequires: [{ matchLabels: { env: 'prod' } }] },
        { toEndpoints: [{}], toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }], rules: { http: [{ method: 'GET' }] } }], authentication: { mode: 'required' } },
      ],
    });
    expect(notices([policy], 'x/a', 'x/b')).toEqual([
      'CiliumNetworkPolicy x/mixed spec.egress[0].toRequires is not modelled; those peers never match in the simulation.',
      'CiliumNetworkPolicy x/mixed spec.egress[1].authentication (mutual authentication) is not modelled; the rule is decided as if the peers were authenticated.',
      'CiliumNetworkPolicy x/mixed spec.egress[1].toPorts[0].rules.http (layer 7) is not modelled; flows are decided at layer 4, and the proxy may still refuse requests.',
    ]);
  });

  test('host policies are named on flows from and to the nodes only', () => {
    const host = ccnp('host-fw', { nodeSelector: {}, ingress: [{ fromEntities: ['cluster'] }] });
    const expected = ['CiliumClusterwideNetworkPolicy host-fw spec: nodeSelector (host policy) is not modelled; the rule is ignored.'];
    expect(notices([host], 'x/a', 'entity:host')).toEqual(expected);
    expect(notices([host], 'entity:remote-node', 'x/a')).toEqual(expected);
    expect(notices([host], 'x/a', 'y/a')).toBeUndefined();
  });

  test('policies the enforcer ignores add no flow notices', () => {
    expect(notices([TO_SERVICES], 'x/a', 'y/a', 80, 'kubernetes')).toBeUndefined();
    expect(notices([TO_SERVICES, np('x', 'deny', { podSelector: {} })], 'x/a', 'y/a', 80, 'none')).toBeUndefined();
  });
});

describe('netpol probe and explain show a flow\'s notices', () => {
  const dir = writeFixture({
    'manifests/to-svc.yaml': `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: to-svc, namespace: x}
spec:
  endpointSelector: {}
  egress:
  - toServices: [{k8sService: {serviceName: api, namespace: y}}]
`,
    'topology.yaml': 'namespaces:\n  x: {pods: {a: {labels: {pod: a}}}}\n  y: {pods: {b: {labels: {pod: b}}}}\n',
    'probes.yaml': 'probes:\n  - {from: x/a, to: y/b, port: 80, expect: deny}\n  - {from: y/b, to: y/b, port: 80, expect: allow}\n',
  });
  afterAll(() => { fs.rmSync(dir, { recursive: true, force: true }); });
  const notice = 'CiliumNetworkPolicy x/to-svc spec.egress[0].toServices is not modelled; those peers never match in the simulation.';

  test('--format json: "notices" ends the line of the probe it affects, and only that one', async () => {
    const io = captureIo(dir);
    const status = await main(['probe', '--manifests', 'manifests', '--topology', 'topology.yaml', '--probes', 'probes.yaml', '--format', 'json'], io);
    expect(status).toBe(0);
    const [first, second] = io.out().trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(Object.keys(first)).toEqual(['from', 'to', 'port', 'protocol', 'verdict', 'expect', 'ok', 'egress', 'ingress', 'notices']);
    expect(first.notices).toEqual([notice]);
    expect(second).not.toHaveProperty('notices');
    // stderr keeps the run's notices as before
    expect(io.err()).toContain(`netpol probe: note: ${notice}`);
  });

  test('--format table: the notices follow the table, named by flow, before the summary', async () => {
    const io = captureIo(dir);
    await main(['probe', '--manifests', 'manifests', '--topology', 'topology.yaml', '--probes', 'probes.yaml'], io);
    expect(io.out()).toContain(`\n\nnote: x/a -> y/b 80/TCP: ${notice}\n\n2 passed, 0 failed\n`);
  });

  test('explain prints the flow\'s notices', async () => {
    const io = captureIo(dir);
    const status = await main(['explain', 'x/a', 'y/b', '80', '--manifests', 'manifests', '--topology', 'topology.yaml'], io);
    expect(status).toBe(1);
    expect(io.out()).toContain(`note: ${notice}`);
  });
});
