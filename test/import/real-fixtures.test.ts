import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { inputNotices } from '../../src/import/input-notices';
import { loadManifests } from '../../src/manifests/load';
import { REAL_FIXTURES } from './real-fixtures';

describe('real repositories: read as written, and what their input gets wrong', () => {
  test.each([
    ['JJGadgets/Biohazard', { CiliumClusterwideNetworkPolicy: 66, CiliumNetworkPolicy: 44, Namespace: 94, NetworkPolicy: 2 }, {}],
    // Read raw, a onedr0p-layout repository's policies have no namespace (the build sets it), and a
    // forgejo runner's toFQDNs rule has no DNS proxy rule beside it.
    ['haraldkoch/kochhaus-home', { CiliumNetworkPolicy: 3, NetworkPolicy: 10 }, { 'missing-namespace': 7, 'fqdn-without-dns-proxy': 1 }],
    ['jfroy/flatops', { CiliumClusterwideNetworkPolicy: 2, CiliumNetworkPolicy: 13 }, { 'missing-namespace': 13 }],
    // manifests/monitoring/netpol-smartctl-exporter.yaml: `egress: []`, "egress is not needed".
    ['Tsuguya/home-cluster', { Application: 48, CiliumClusterwideNetworkPolicy: 1, CiliumNetworkPolicy: 101, Namespace: 28 }, { 'empty-section-ignored': 1 }],
    // Host policies without the host firewall; toFQDNs beside a kube-dns rule without rules.dns.
    ['cilium/cilium examples', { CiliumClusterwideNetworkPolicy: 4, CiliumNetworkPolicy: 5 },
      { 'host-policy-needs-host-firewall': 2, 'missing-namespace': 5, 'fqdn-without-dns-proxy': 1 }],
  ])('%s', (repo, kinds, notices) => {
    const manifests = loadManifests([path.join(process.cwd(), REAL_FIXTURES[repo])]);
    const counted: Record<string, number> = {};
    for (const { object } of manifests) counted[object.kind] = (counted[object.kind] ?? 0) + 1;
    expect(counted).toEqual(kinds);
    const noticed: Record<string, number> = {};
    for (const { message } of inputNotices(manifests)) {
      const rule = /\[([a-z-]+)\]$/.exec(message)?.[1] ?? message;
      noticed[rule] = (noticed[rule] ?? 0) + 1;
    }
    expect(noticed).toEqual(notices);
  });
});
