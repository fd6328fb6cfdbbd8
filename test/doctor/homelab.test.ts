import * as fs from 'node:fs';
import { describe, expect, test } from 'vitest';
import { diagnose } from '../../src/doctor/diagnose';
import { parseHubbleFlows } from '../../src/doctor/hubble-flow';
import { findPlatformSources } from '../../src/doctor/platform-sources';
import { loadManifests } from '../../src/manifests/load';

describe('doctor on the reference cluster', () => {
  test('explains drops of dist/homelab with fixes in this repo', () => {
    // GIVEN the synthesized homelab cluster and flows Hubble observed on it
    const files = fs.readdirSync('dist/homelab').filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml').map((f) => `dist/homelab/${f}`);
    const flows = parseHubbleFlows(fs.readFileSync('test/fixtures/hubble/homelab.json', 'utf8'), 'homelab.json');
    // WHEN diagnosing
    const report = diagnose(flows, loadManifests(files), { platformSources: findPlatformSources(process.cwd()) });
    // THEN each drop gets the change the design calls for
    expect(report.drops.map((d) => `${d.flows} ${d.cause}: ${d.fix.split(' (')[0]}`)).toEqual([
      '3 missing-access-label: add label `access.network-policy.homelab/postgres: "true"` to namespace demo-internal',
      '2 profile-without-gateway-ingress: switch namespace demo-internal-egress to profile standard',
      '1 allowed-by-manifests: nothing to change in this repo: its manifests allow these flows, so the cluster runs other policies; deploy the manifests',
      '1 platform-namespace-without-rule: add `.allowIngress(Peer.pods(\'demo-standard\', { \'app.kubernetes.io/name\': \'app\' }), [Port.tcp(3000)], { pods: { \'app.kubernetes.io/name\': \'grafana\' } })` to PlatformNamespace monitoring in platform/monitoring.ts; and add `.allowEgress(Peer.pods(\'monitoring\', { \'app.kubernetes.io/name\': \'grafana\' }), [Port.tcp(3000)])` to AppNamespace demo-standard',
      '1 profile-without-https-egress: switch namespace demo-isolated to profile internal-egress',
    ]);
    // AND the external gateway reaching an internal-profile namespace is flagged, the other forwarded flows are not
    expect(report.regressions.map((r) => r.flow)).toEqual(['istio-gateway/external-istio-6c7d8f9b5-k2j4h -> demo-internal/app-7c9d5b6f4-2xkqp 8080/TCP']);
    expect(report.totals).toEqual({ flows: 14, policyDrops: 8, forwarded: 6 });
  });
});
