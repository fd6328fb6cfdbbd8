import { collectIntent, Renderer, renderCluster, type NetpolCluster, type NetpolClusterProps, type RenderedObject } from '../../src';
import { testCluster } from '../helpers';

/** A cluster rendered as NetworkPolicy, with the baseline, built-in profiles and shared services. */
export function k8sCluster(props: NetpolClusterProps = {}): ReturnType<typeof testCluster> {
  return testCluster({ renderer: Renderer.KUBERNETES, kubernetes: { apiServer: { cidrs: ['192.168.1.10/32'] } }, ...props });
}

/** The cluster's rendered objects, without schema validation or YAML (fast, for unit tests). */
export function render(cluster: NetpolCluster): RenderedObject[] {
  return renderCluster(cluster, collectIntent(cluster));
}

/** The one NetworkPolicy `namespace/name` among `objects`, or undefined. */
export function findPolicy(objects: readonly RenderedObject[], namespace: string, name: string): RenderedObject | undefined {
  return objects.find((o) => o.object.kind === 'NetworkPolicy' && o.object.metadata.namespace === namespace && o.object.metadata.name === name);
}

/** The spec of NetworkPolicy `namespace/name`; throws when it is missing. */
export function specOf(objects: readonly RenderedObject[], namespace: string, name: string): Record<string, any> {
  const found = findPolicy(objects, namespace, name);
  if (!found) {
    const names = objects.filter((o) => o.object.kind === 'NetworkPolicy').map((o) => `${o.object.metadata.namespace}/${o.object.metadata.name}`);
    throw new Error(`no NetworkPolicy ${namespace}/${name}; rendered: ${names.join(', ')}`);
  }
  return (found.object as Record<string, any>).spec;
}

/** The namespaces NetworkPolicy `name` was rendered into, sorted. */
export function namespacesOf(objects: readonly RenderedObject[], name: string): string[] {
  return objects.filter((o) => o.object.kind === 'NetworkPolicy' && o.object.metadata.name === name).map((o) => o.object.metadata.namespace!).sort();
}
