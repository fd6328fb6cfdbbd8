import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Writes files into a fresh temporary directory and returns it. */
export function writeFixture(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-probe-cli-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** A small cluster: x/a may reach y/b on 80 (CNP egress + ingress), everything else is default-deny. */
export const FILES = {
  'manifests/egress.yaml': `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: allow-out, namespace: x}
spec:
  endpointSelector: {matchLabels: {pod: a}}
  egress:
  - toEndpoints: [{matchLabels: {io.kubernetes.pod.namespace: y, pod: b}}]
    toPorts: [{ports: [{port: "80", protocol: TCP}]}]
`,
  'manifests/ingress.yaml': `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: allow-in, namespace: y}
spec:
  endpointSelector: {}
  ingress:
  - fromEndpoints: [{matchLabels: {io.kubernetes.pod.namespace: x}}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: y}
spec:
  podSelector: {}
`,
  'topology.yaml': `namespaces:
  x:
    pods:
      a: {labels: {pod: a}}
  y:
    pods:
      b: {labels: {pod: b}}
      c: {labels: {pod: c}}
externals:
  github: {ip: 140.82.112.3, fqdn: api.github.com}
`,
  'probes.yaml': `probes:
  - {from: x/a, to: y/b, port: 80, expect: allow}
  - {from: x/a, to: y/c, port: 80, expect: deny}
  - {from: y/b, to: x/a, port: 80}
`,
  'failing.yaml': `probes:
  - {from: x/a, to: y/b, port: 80, expect: deny}
  - {from: x/a, to: y/b, port: 80, expect: allow}
`,
};
