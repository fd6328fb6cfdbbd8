import { describe, expect, test } from 'vitest';
import { parseManifests } from '../../src/manifests/load';
import { fluxCidrStandIn } from '../../src/model/flux-substitution';
import { Simulator } from '../../src/probe/simulator';
import { topology } from '../probe/builders';

/** Flux repositories' policies carry post-build variables (JJGadgets/Biohazard, haraldkoch/kochhaus-home): valid input. */
describe('reading Flux variables', () => {
  const yaml = (spec: string, meta = 'name: p\n  namespace: x'): string => `apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  ${meta}\nspec:\n${spec}`;

  test('accepts variables in CIDRs, DNS names and patterns, ports, names and label values, keeping the text', () => {
    const [policy] = parseManifests(yaml(`  endpointSelector: {matchLabels: {app: "\${APP}"}}
  egress:
    - toCIDRSet: [{cidr: "\${IP_ROUTER_LAN}/32"}, {cidr: 0.0.0.0/0, except: ["\${LAN_CIDR}"]}]
    - toFQDNs: [{matchName: "git.\${CLUSTER_DOMAIN}"}, {matchPattern: "*.\${DNS_MAIN}"}]
      toPorts: [{ports: [{port: "\${HTTPS_PORT:=443}"}]}]
`, 'name: apps-to-\${APP}\n  namespace: \${APP_NS}\n  labels: {app: "\${APP}"}'), 'p.yaml');
    expect(policy.object.metadata.name).toBe('apps-to-${APP}');
    expect((policy.object.spec as any).egress[0].toCIDRSet[0].cidr).toBe('${IP_ROUTER_LAN}/32');
  });

  test('a NetworkPolicy port variable is a number once substituted', () => {
    expect(() => parseManifests(`apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: x}\nspec:\n  podSelector: {}\n  egress:\n    - ports:\n        - port: \${VPN_PORT}\n          protocol: UDP\n`, 'np.yaml')).not.toThrow();
  });

  test('still refuses what no substitution makes valid', () => {
    expect(() => parseManifests(yaml('  endpointSelector: {}\n  egress: [{toCIDR: ["${NET:=10.0.0.300}/8"]}]\n'), 'p.yaml')).toThrow(/spec\.egress\[0\]\.toCIDR\[0\]: "\$\{NET:=10\.0\.0\.300\}\/8" with its Flux defaults is "10\.0\.0\.300\/8" is not a CIDR block/);
    expect(() => parseManifests(yaml('  endpointSelector: {}\n  egress: [{toCIDR: ["$${NET}"]}]\n'), 'p.yaml')).toThrow(/is not a CIDR block/);
    expect(() => parseManifests(yaml('  endpointSelector: {}\n', 'name: "${APP}_db"\n  namespace: x'), 'p.yaml')).toThrow(/metadata\.name/);
  });

  test('the simulator decides a variable CIDR as its stand-in address', () => {
    const [policy] = parseManifests(yaml('  endpointSelector: {}\n  egress: [{toCIDR: ["${IP_ROUTER_LAN}/32"]}]\n'), 'p.yaml');
    const ip = fluxCidrStandIn('${IP_ROUTER_LAN}/32').replace('/32', '');
    const topo = topology();
    const world = { ...topo, externals: new Map(topo.externals).set('router', { ip }).set('other', { ip: '192.0.2.250' === ip ? '192.0.2.251' : '192.0.2.250' }) };
    const sim = Simulator.build([policy], world);
    expect(sim.evaluate({ from: 'x/a', to: 'external:router', port: 80, protocol: 'TCP' }).verdict).toBe('allow');
    expect(sim.evaluate({ from: 'x/a', to: 'external:other', port: 80, protocol: 'TCP' }).verdict).toBe('deny');
  });
});
