import {
  ACCESS_LABEL_PREFIX, ENFORCEMENT_DISABLED, ENFORCEMENT_LABEL, PLATFORM_LABEL, PROFILE_LABEL, WELL_KNOWN_PLATFORM_NAMESPACES,
} from '../model/labels';
import { compareText } from '../model/compare';

/** What a namespace's labels say about it in the design, as the docs page shows it. */
export interface NamespaceFacts {
  /** The namespace name. */
  readonly name: string;
  /**
   * The profile (`network-policy.homelab/profile`).
   *
   * @default - none: the namespace has no profile label
   */
  readonly profile?: string;
  /** The shared services it has access labels for (`access.network-policy.homelab/<svc>: "true"`), sorted. */
  readonly access: readonly string[];
  /** Whether the escape hatch lifts enforcement (`network-policy.homelab/enforcement=disabled`). */
  readonly enforcementDisabled: boolean;
  /** Whether it is a platform namespace: `network-policy.homelab/platform: "true"` or a well-known platform name. */
  readonly platform: boolean;
}

/**
 * Reads the design's labels of a namespace.
 *
 * @param name the namespace name
 * @param labels the namespace labels (topology and Namespace manifests merged)
 */
export function namespaceFacts(name: string, labels: Readonly<Record<string, string>>): NamespaceFacts {
  const access = Object.keys(labels).filter((key) => key.startsWith(ACCESS_LABEL_PREFIX) && labels[key] === 'true')
    .map((key) => key.slice(ACCESS_LABEL_PREFIX.length)).sort(compareText);
  const profile = labels[PROFILE_LABEL];
  return {
    name,
    ...(profile === undefined ? {} : { profile }),
    access,
    enforcementDisabled: labels[ENFORCEMENT_LABEL] === ENFORCEMENT_DISABLED,
    platform: labels[PLATFORM_LABEL] === 'true' || (WELL_KNOWN_PLATFORM_NAMESPACES as readonly string[]).includes(name),
  };
}
