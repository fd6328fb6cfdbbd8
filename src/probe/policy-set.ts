import type { Manifest } from '../manifests/manifest';
import { compileCiliumPolicy } from './cilium-policy';
import { compileNetworkPolicy } from './kubernetes-policy';
import { policyError } from './policy-error';
import type { CompiledPolicy } from './rule';

/** The manifests, read for the simulator. */
export interface PolicySet {
  /** NetworkPolicies. */
  readonly networkPolicies: CompiledPolicy[];
  /** CiliumNetworkPolicies and CiliumClusterwideNetworkPolicies (one entry per spec). */
  readonly ciliumPolicies: CompiledPolicy[];
  /** Labels of `Namespace` manifests, by namespace. */
  readonly namespaceLabels: Map<string, Record<string, string>>;
  /** What is not modelled. */
  readonly notices: string[];
  /** What is not modelled about the nodes (host policies): flows from and to the nodes carry these. */
  readonly hostNotices: string[];
}

const SUPPORTED: Record<string, { group: RegExp; version: string }> = {
  NetworkPolicy: { group: /^(networking\.k8s\.io|extensions)\//, version: 'networking.k8s.io/v1' },
  CiliumNetworkPolicy: { group: /^cilium\.io\//, version: 'cilium.io/v2' },
  CiliumClusterwideNetworkPolicy: { group: /^cilium\.io\//, version: 'cilium.io/v2' },
};

/**
 * Reads the kinds that matter out of a list of manifests: NetworkPolicy (networking.k8s.io/v1),
 * CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy (cilium.io/v2), Namespace (v1).
 * Other kinds, and same-named kinds of other API groups, are ignored.
 *
 * @param manifests the manifests
 * @throws InputError naming the file, object and field for an unsupported version of a kind
 *   that matters or a field the engine cannot read
 */
export function readPolicySet(manifests: readonly Manifest[]): PolicySet {
  const networkPolicies: CompiledPolicy[] = [];
  const ciliumPolicies: CompiledPolicy[] = [];
  const namespaceLabels = new Map<string, Record<string, string>>();
  const notices: string[] = [];
  const hostNotices: string[] = [];
  for (const manifest of manifests) {
    const { apiVersion, kind, metadata } = manifest.object;
    if (kind === 'Namespace' && apiVersion === 'v1') {
      // Label values are checked to be strings when the manifest is read (manifests/load.ts).
      namespaceLabels.set(metadata.name, { ...namespaceLabels.get(metadata.name), ...metadata.labels });
      continue;
    }
    const supported = SUPPORTED[kind];
    if (!supported || !supported.group.test(apiVersion)) continue;
    if (apiVersion !== supported.version) {
      throw policyError(manifest, `apiVersion: "${apiVersion}" is not supported for ${kind}; use ${supported.version}`);
    }
    if (kind === 'NetworkPolicy') {
      networkPolicies.push(compileNetworkPolicy(manifest));
    } else {
      const compiled = compileCiliumPolicy(manifest);
      ciliumPolicies.push(...compiled.policies);
      notices.push(...compiled.notices);
      hostNotices.push(...compiled.hostNotices);
    }
  }
  return { networkPolicies, ciliumPolicies, namespaceLabels, notices, hostNotices };
}
