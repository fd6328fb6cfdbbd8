import type { Manifest } from '../manifests/manifest';
import { isRecord } from '../manifests/policies';

/**
 * The namespaces GitOps objects of the input create without a Namespace manifest:
 * - an Argo CD `Application` (`argoproj.io`) with the sync option `CreateNamespace=true` creates
 *   its `spec.destination.namespace` (argo-cd.readthedocs.io, "Sync Options: Create Namespace");
 * - a Flux `HelmRelease` (`helm.toolkit.fluxcd.io`) with `spec.install.createNamespace: true`
 *   creates its `spec.targetNamespace`, or its own namespace (fluxcd.io, "Helm Releases").
 *
 * @param manifests the lint input
 * @returns the namespace names, sorted
 */
export function createdNamespaces(manifests: readonly Manifest[]): string[] {
  const names = new Set<string>();
  for (const { object } of manifests) {
    const group = object.apiVersion.split('/')[0];
    const spec = isRecord(object.spec) ? object.spec : {};
    if (object.kind === 'Application' && group === 'argoproj.io') {
      const sync = isRecord(spec.syncPolicy) ? spec.syncPolicy : {};
      const options = Array.isArray(sync.syncOptions) ? sync.syncOptions.map(String) : [];
      const destination = isRecord(spec.destination) ? spec.destination : {};
      if (options.includes('CreateNamespace=true') && typeof destination.namespace === 'string') names.add(destination.namespace);
    }
    if (object.kind === 'HelmRelease' && group === 'helm.toolkit.fluxcd.io') {
      const install = isRecord(spec.install) ? spec.install : {};
      const target = typeof spec.targetNamespace === 'string' ? spec.targetNamespace : object.metadata.namespace;
      if (install.createNamespace === true && target !== undefined) names.add(target);
    }
  }
  return [...names].sort();
}
