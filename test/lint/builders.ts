import type { Manifest } from '../../src/manifests/manifest';
import type { Finding } from '../../src/lint/finding';
import { LintContext, type LintOptions } from '../../src/lint/lint-context';
import type { LintRule } from '../../src/lint/lint-rule';

type Spec = Record<string, unknown>;
let documentCounter = 0;

/** Wraps an object as a manifest read from `file` (each call gets the next document index). */
export function manifest(object: Record<string, unknown>, file = 'm.yaml'): Manifest {
  return { object: object as unknown as Manifest['object'], source: { file, document: documentCounter++ } };
}

/** A v1 Namespace with labels. */
export function namespace(name: string, labels: Record<string, string> = {}): Manifest {
  return manifest({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
}

/** A CiliumClusterwideNetworkPolicy. */
export function ccnp(name: string, spec: Spec): Manifest {
  return manifest({ apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', metadata: { name }, spec });
}

/** A CiliumNetworkPolicy. */
export function cnp(ns: string, name: string, spec: Spec): Manifest {
  return manifest({ apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name, namespace: ns }, spec });
}

/** A networking.k8s.io/v1 NetworkPolicy. */
export function np(ns: string, name: string, spec: Spec): Manifest {
  return manifest({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: ns }, spec });
}

/** A Cilium `toPorts` list. */
export function toPorts(...ports: [number, string][]): Spec[] {
  return [{ ports: ports.map(([port, protocol]) => ({ port: String(port), protocol })) }];
}

/** A Cilium endpoint selector from matchLabels. */
export function endpoints(matchLabels: Record<string, string>): Spec {
  return { matchLabels };
}

/** The DNS baseline CCNP of the design. */
export function dnsBaseline(): Manifest {
  return ccnp('baseline-dns', {
    endpointSelector: {},
    egress: [{ toEndpoints: [endpoints({ 'io.kubernetes.pod.namespace': 'kube-system', 'k8s-app': 'kube-dns' })], toPorts: toPorts([53, 'UDP'], [53, 'TCP']) }],
  });
}

/** Runs one rule over manifests. */
export function check(rule: LintRule, manifests: Manifest[], options: LintOptions = {}): Finding[] {
  return rule.check(new LintContext(manifests, options));
}

/** The `field` of each finding, sorted. */
export function fields(findings: Finding[]): string[] {
  return findings.map((f) => `${f.object} ${f.field}`).sort();
}
