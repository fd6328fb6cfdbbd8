import { describe, expect, test } from 'vitest';
import { AppNamespace, CiliumPolicy, Downgrade, Peer, Port, problemsOfValue, Renderer, synthesizeFiles, Var } from '../../src';
import { synthObject, testCluster } from '../helpers';

describe('Var.flux', () => {
  test('fails when the name is not a Flux variable name, with a hint', () => {
    expect(problemsOfValue(Var.flux('cluster-node-subnet'))).toEqual([expect.stringMatching(/Invalid Flux variable name "cluster-node-subnet".*Did you mean "cluster_node_subnet"\?/)]);
    expect(problemsOfValue(Port.tcp(Var.flux('1st')))).toEqual([expect.stringMatching(/not starting with a digit/)]);
    expect(problemsOfValue(Peer.cidr(Var.flux('a-b'), { reason: 'r' }))).toEqual([expect.stringMatching(/Invalid Flux variable name "a-b"/)]);
  });

  test('reads ${name} in peers and ports', () => {
    expect(String(Peer.cidr(Var.flux('cluster_node_subnet'), { reason: 'nodes' }))).toBe('cidr:${cluster_node_subnet}');
    expect(String(Port.tcp(Var.flux('app_port')))).toBe('tcp/${app_port}');
    expect(String(Peer.pods('web', { zone: Var.flux('zone') }))).toBe('pods:web{zone=${zone}}');
  });

  test('two variable ports are never merged, the same one is', () => {
    const a = Port.tcp(Var.flux('a'));
    expect(a.covers(Port.tcp(Var.flux('a')))).toBe(true);
    expect(a.covers(Port.tcp(Var.flux('b')))).toBe(false);
    expect(Port.tcp(1).covers(a)).toBe(false);
  });

  test('renders ${name} on Cilium (quoted port string), validates a stand-in and lists the variables in kustomization.yaml', async () => {
    // GIVEN a namespace using a variable CIDR, port and label value
    const { app, cluster } = testCluster();
    new AppNamespace(cluster, 'web', { profile: 'isolated', labels: { zone: Var.flux('zone') } })
      .allowEgress(Peer.cidr(Var.flux('cluster_node_subnet'), { reason: 'the node subnet differs per cluster', except: [Var.flux('vip')] }), [Port.tcp(Var.flux('app_port'))]);
    // WHEN it is synthesized (the schema check runs on the stand-ins)
    const files = await synthesizeFiles(app);
    const policy = await synthObject(app, 'CiliumNetworkPolicy web/app');
    // THEN the output carries the references, and the kustomization lists them with their files
    expect(policy.spec.egress).toEqual([{ toCIDRSet: [{ cidr: '${cluster_node_subnet}', except: ['${vip}'] }], toPorts: [{ ports: [{ port: '${app_port}', protocol: 'TCP' }] }] }]);
    expect((await synthObject(app, 'Namespace web')).metadata.labels.zone).toBe('${zone}');
    const kustomization = files.get('test/kustomization.yaml')!;
    expect(kustomization).toContain('# - app_port: app-web.yaml');
    expect(kustomization).toContain('# - cluster_node_subnet: app-web.yaml');
    expect(kustomization).toContain('# - zone: app-web.yaml');
    expect(kustomization).toContain('spec.postBuild.substitute');
  });

  test('renders a variable port unquoted on NetworkPolicy, so Flux substitutes a number', async () => {
    const { app, cluster } = testCluster({ renderer: Renderer.KUBERNETES });
    new AppNamespace(cluster, 'web', { profile: 'isolated' })
      .allowEgress(Peer.cidr(Var.flux('cluster_node_subnet'), { reason: 'nodes' }), [Port.tcp(Var.flux('app_port'))])
      .allowEgress(Peer.fqdn('api.github.com'), [Port.HTTPS], { downgrade: Downgrade.toCidrs([Var.flux('egress_proxy')], 'the egress proxy') });
    const files = await synthesizeFiles(app);
    const text = files.get('test/app-web.yaml')!;
    expect(text).toContain('port: ${app_port}\n');
    expect(text).toContain('cidr: "${cluster_node_subnet}"');
    expect(files.get('test/kustomization.yaml')).toContain('# - egress_proxy: app-web.yaml');
  });

  test('no variables, no list', async () => {
    const { app } = testCluster();
    const files = await synthesizeFiles(app);
    expect(files.get('test/kustomization.yaml')).not.toContain('postBuild');
  });

  test('a policy kept as written with expressions inside other text validates through the readers\' stand-ins', async () => {
    // GIVEN a policy of a Flux repository as `netpol import` keeps it (JJGadgets/Biohazard): a
    // component-templated name and label value, an address with a mask, a DNS pattern
    const { app, cluster } = testCluster();
    new CiliumPolicy(cluster, 'rgw', {
      name: 'ceph-rgw-${CLUSTER_NAME}',
      namespace: 'rook-ceph',
      hardCodedIpReason: 'imported: the router',
      spec: {
        endpointSelector: { matchLabels: { 'db.home.arpa/pg': 'pg-${APP}' } },
        egress: [
          { toCIDRSet: [{ cidr: '${IP_ROUTER_LAN}/32' }], toPorts: [{ ports: [{ port: '${S3_PORT:=443}', protocol: 'TCP' }] }] },
          { toFQDNs: [{ matchPattern: '*.${DNS_MAIN}' }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] },
        ],
      },
    });
    // WHEN it is synthesized THEN the schema check passes and the text is kept
    const files = await synthesizeFiles(app);
    const policy = await synthObject(app, 'CiliumNetworkPolicy rook-ceph/ceph-rgw-${CLUSTER_NAME}');
    expect(policy.spec.egress[0].toCIDRSet[0].cidr).toBe('${IP_ROUTER_LAN}/32');
    expect(policy.spec.egress[1].toFQDNs[0].matchPattern).toBe('*.${DNS_MAIN}');
    expect(files.get('test/kustomization.yaml')).toContain('# - DNS_MAIN: app-rook-ceph.yaml');
  });
});
