/**
 * The label vocabulary of the design. Namespaces carry these labels; policies select on them.
 * Every tool (constructs, renderers, lint, docs, doctor) reads the keys from here.
 */

/** The domain all of the design's label keys live under. */
export const LABEL_DOMAIN = 'network-policy.homelab';

/** Namespace label that picks a profile: `network-policy.homelab/profile=<profile>`. */
export const PROFILE_LABEL = `${LABEL_DOMAIN}/profile`;

/** Namespace label of the escape hatch: `network-policy.homelab/enforcement=disabled`. */
export const ENFORCEMENT_LABEL = `${LABEL_DOMAIN}/enforcement`;

/** The value of `ENFORCEMENT_LABEL` that lifts enforcement in a namespace. */
export const ENFORCEMENT_DISABLED = 'disabled';

/**
 * Namespace annotation that records why enforcement is disabled (the escape hatch's stated
 * reason): written by `disableEnforcement: { reason }`, required by `netpol lint`.
 */
export const ENFORCEMENT_REASON_ANNOTATION = `${LABEL_DOMAIN}/enforcement-reason`;

/**
 * Namespace annotation that records why a `DeclaredNamespace` carries the design's labels as
 * written (`designLabels: { labels, reason }`), e.g. an imported namespace whose profile policy
 * was kept as-is.
 */
export const DESIGN_LABELS_REASON_ANNOTATION = `${LABEL_DOMAIN}/design-labels-reason`;

/**
 * Namespace annotation that records why the NetworkPolicy renderer writes no `default-deny` for a
 * `DeclaredNamespace` (`noDefaultDeny: { reason }`).
 */
export const NO_DEFAULT_DENY_REASON_ANNOTATION = `${LABEL_DOMAIN}/no-default-deny-reason`;

/** Namespace label that marks a platform namespace (which never gets a profile): `network-policy.homelab/platform=true`. */
export const PLATFORM_LABEL = `${LABEL_DOMAIN}/platform`;

/** Prefix of the access labels: `access.network-policy.homelab/<service>: "true"`. */
export const ACCESS_LABEL_PREFIX = `access.${LABEL_DOMAIN}/`;

/**
 * The namespace label that puts a namespace in the Istio ambient mesh:
 * `istio.io/dataplane-mode=ambient` (istio.io, Ambient, "Add workloads to the mesh").
 */
export const AMBIENT_LABEL = 'istio.io/dataplane-mode';

/** The value of `AMBIENT_LABEL` that puts a namespace in the ambient mesh. */
export const AMBIENT_MODE = 'ambient';

/** The namespace label Kubernetes sets on every namespace (v1.22+): `kubernetes.io/metadata.name`. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * The access label key of a shared service.
 *
 * @param service the shared service name, e.g. `postgres`
 */
export function accessLabel(service: string): string {
  return `${ACCESS_LABEL_PREFIX}${service}`;
}

/** The built-in profile names. */
export const BUILTIN_PROFILES = ['isolated', 'internal', 'internal-egress', 'standard'] as const;

/** The built-in shared services. */
export const BUILTIN_SHARED_SERVICES = ['postgres', 'dragonfly', 'garage-s3', 'kube-api'] as const;

/** Namespaces that are platform namespaces in a typical homelab, even without `PLATFORM_LABEL`. */
export const WELL_KNOWN_PLATFORM_NAMESPACES = [
  'kube-system', 'kube-public', 'kube-node-lease', 'monitoring', 'database', 'istio-system', 'istio-gateway',
  'cert-manager', 'flux-system', 'argocd',
] as const;
