import type { Peer } from './peer';
import type { Subject } from './policy';
import { PolicyError } from './policy-error';

/**
 * The endpoints a peer selects, as a policy subject: used to build the other end of a
 * two-sided rule (the gateway side of a profile, the server side of a shared service).
 *
 * @param peer an endpoints peer with a namespace (by name or labels)
 * @param where the construct path, for errors
 * @throws PolicyError when the peer is not pods (an entity, a DNS name or a CIDR has no policy of its own)
 */
export function subjectOf(peer: Peer, where: string): Subject {
  const spec = peer.spec;
  if (spec.kind !== 'endpoints') {
    throw new PolicyError(`${peer} cannot be the subject of a policy: only pods can. Use Peer.pods(namespace, labels).`, where);
  }
  return {
    ...(spec.namespace !== undefined ? { namespace: spec.namespace } : {}),
    ...(spec.namespaceLabels !== undefined ? { namespaceLabels: spec.namespaceLabels } : {}),
    ...(spec.namespaceExpressions !== undefined ? { namespaceExpressions: spec.namespaceExpressions } : {}),
    podLabels: spec.podLabels,
    ...(spec.podExpressions !== undefined ? { podExpressions: spec.podExpressions } : {}),
  };
}

/**
 * A readable, stable name fragment for a set of pod labels: the label values joined by '-'
 * (`{app.kubernetes.io/name: prometheus}` gives `prometheus`).
 *
 * @param podLabels the pod labels
 */
export function labelSlug(podLabels: Readonly<Record<string, string>>): string {
  const slug = Object.keys(podLabels).sort().map((k) => podLabels[k]).join('-').toLowerCase()
    .replace(/[^-a-z0-9]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
  return slug.slice(0, 40).replace(/-$/, '');
}
