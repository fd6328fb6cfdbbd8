import { LINT_IGNORE_ANNOTATION } from '../lint/suppression';
import type { AddressReason } from '../model/policy';

/** The metadata the library writes. */
export interface RenderedMetadata {
  /** The object name. */
  readonly name: string;
  /** @default - cluster-scoped */
  readonly namespace?: string;
  /** @default - no labels */
  readonly labels?: Readonly<Record<string, string>>;
  /** @default - no annotations */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** A manifest produced by a renderer, before validation and serialization. */
export interface RenderedObject {
  /** The output file (without `.yaml`) the object goes to, e.g. `baseline` or `app-blog`. */
  readonly file: string;
  /** The object as plain JSON: `apiVersion`, `kind`, `metadata`, ... */
  readonly object: Readonly<Record<string, unknown>> & { readonly apiVersion: string; readonly kind: string; readonly metadata: RenderedMetadata };
  /** The construct that declared it, for errors. */
  readonly constructPath: string;
  /**
   * Comments to write above nodes of the YAML, keyed by the node's path joined with '.'
   * (`spec.egress.0`, `''` for the whole document); used for rule descriptions and stated downgrades.
   * @default - none
   */
  readonly comments?: ReadonlyMap<string, string>;
  /**
   * True for objects written for the tools (`netpol lint`, `docs`, `probe`) but not applied:
   * their file is left out of `kustomization.yaml` (Namespaces created elsewhere).
   * @default false
   */
  readonly unapplied?: boolean;
}

/** The output file of the Namespaces created elsewhere (`manageNamespace: false`): written, not applied. */
export const EXTERNAL_NAMESPACES_FILE = 'external-namespaces';

/** The labels every object the library renders carries. */
export const MANAGED_BY_LABELS: Readonly<Record<string, string>> = { 'app.kubernetes.io/managed-by': 'cdk8s-netpol' };

/** The annotation that names the construct an object came from. */
export const SOURCE_ANNOTATION = 'network-policy.homelab/source';

/**
 * The annotation that states why a policy names addresses: one `cidr: reason` line per address.
 * The library writes it for `Peer.cidr(..., { reason })`, `Downgrade.toCidrs` and the API server's
 * configured addresses; `netpol lint` accepts the addresses it lists (hand-written YAML can use it
 * too), and flags every other hard-coded address.
 */
export const ADDRESS_REASONS_ANNOTATION = 'network-policy.homelab/address-reasons';

/**
 * The `ADDRESS_REASONS_ANNOTATION` entry for these addresses: sorted, one line per address.
 *
 * @param addresses the addresses and their reasons
 * @returns the annotation, or nothing when there are no addresses
 */
export function addressReasonsAnnotation(addresses: readonly AddressReason[]): Record<string, string> {
  const lines = [...new Set(addresses.map((a) => `${a.cidr}: ${a.reason.replace(/\s+/g, ' ')}`))].sort();
  return lines.length > 0 ? { [ADDRESS_REASONS_ANNOTATION]: lines.join('\n') } : {};
}

/**
 * The addresses listed in an object's `ADDRESS_REASONS_ANNOTATION` with a reason: one
 * `<cidr>: <reason>` per line; a line without a reason lists nothing. Hand-written YAML states
 * its reasons the same way the library does.
 *
 * @param annotations the object's annotations
 */
export function addressesWithReasons(annotations: Readonly<Record<string, string>> | undefined): Set<string> {
  const value = annotations?.[ADDRESS_REASONS_ANNOTATION] ?? '';
  const addresses = new Set<string>();
  for (const line of value.split('\n')) {
    // `: ` (colon, space) ends the address: IPv6 addresses hold colons themselves (`fd00::/8: LAN`).
    const match = /^\s*(\S+?):\s+(\S.*)$/.exec(line);
    if (match) addresses.add(match[1]);
  }
  return addresses;
}

/**
 * The annotation that states why rules allow every port: one `<rule path>: reason` line per rule
 * (`spec.ingress[0]: Longhorn replicas use dynamic ports`). The library writes it for
 * `Port.any({ reason })` and its own any-port rules (health checks, kubelet probes, the escape
 * hatch); `netpol lint` (`no-any-port`) accepts the rules it lists, so hand-written YAML can use it too.
 */
export const ANY_PORT_REASONS_ANNOTATION = 'network-policy.homelab/any-port-reasons';

/**
 * The `ANY_PORT_REASONS_ANNOTATION` entry for these rules: sorted by path, one line per rule.
 *
 * @param reasons rule path (`spec.ingress[0]`) to reason
 * @returns the annotation, or nothing when no rule allows every port
 */
export function anyPortReasonsAnnotation(reasons: ReadonlyMap<string, string>): Record<string, string> {
  const lines = [...reasons.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([path, reason]) => `${path}: ${reason.replace(/\s+/g, ' ')}`);
  return lines.length > 0 ? { [ANY_PORT_REASONS_ANNOTATION]: lines.join('\n') } : {};
}

/**
 * The rule paths an object's `ANY_PORT_REASONS_ANNOTATION` gives a reason for.
 *
 * @param annotations the object's annotations
 */
export function anyPortRulesWithReasons(annotations: Readonly<Record<string, string>> | undefined): Set<string> {
  const value = annotations?.[ANY_PORT_REASONS_ANNOTATION] ?? '';
  return new Set(value.split('\n').flatMap((line) => {
    const colon = line.indexOf(':');
    return colon > 0 && line.slice(colon + 1).trim() !== '' ? [line.slice(0, colon).trim()] : [];
  }));
}

/**
 * A number Flux fills in (`Port.tcp(Var.flux('app_port'))` on NetworkPolicy, whose `port` is an
 * int-or-string): written unquoted, `port: ${app_port}`, so that after substitution the value is
 * a number, not the string "8080" (which NetworkPolicy would read as a port name). Serializes
 * to its text in JSON.
 */
export class UnquotedVariable {
  /**
   * @param text the variable reference, `${name}`
   */
  constructor(readonly text: string) {}

  /** The variable reference, `${name}`. */
  toJSON(): string {
    return this.text;
  }
}

/**
 * The `network-policy.homelab/lint-ignore` annotation (`LINT_IGNORE_ANNOTATION`) of an object
 * whose guardrails were accepted with a reason: one `<lint rule>: <reason>` line per rule, sorted.
 *
 * @param ignores lint rule id to reason
 * @returns the annotation, or nothing when there is no suppression
 */
export function lintIgnoreAnnotation(ignores: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const lines = Object.entries(ignores ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([rule, reason]) => `${rule}: ${reason.replace(/\s+/g, ' ')}`);
  return lines.length > 0 ? { [LINT_IGNORE_ANNOTATION]: lines.join('\n') } : {};
}
