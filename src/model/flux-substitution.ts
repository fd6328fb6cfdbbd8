/**
 * Reading values Flux fills in. A Flux repository's manifests carry post-build substitution
 * expressions (`spec.postBuild.substitute` of the Kustomization; fluxcd.io, Kustomization,
 * "Post build variable substitution"): `${name}`, or with a default, `${name:=default}` /
 * `${name:-default}` (fluxcd/pkg/envsubst, after drone/envsubst, also takes `${name=default}`
 * and `${name-default}`). kustomize-controller replaces them in the built text before applying, so
 * `cidr: ${IP_ROUTER_LAN}/32` or `matchPattern: "*.${DNS_MAIN}"` is valid input even though the
 * text as written is not a CIDR or a DNS pattern. `$${name}` is Flux's escape: it stays the
 * literal `${name}` and is not an expression.
 *
 * The readers keep the text as written (so `netpol import` keeps the variable, and the flow
 * diff compares the same text on both sides) and validate and simulate a stand-in: the default
 * when the expression has one, otherwise a value derived from the text alone, so the same text
 * always stands for the same value and different variables for different values.
 */

/** One substitution expression: `${name}` with an optional operator tail (`:=x`, `:-x`, ...), not preceded by the `$` escape. */
const EXPRESSION = /(?<!\$)\$\{([_A-Za-z][_A-Za-z0-9]*)([^}]*)\}/g;

/** The default of an expression's tail: `:=x`, `:-x`, `=x`, `-x`. */
const DEFAULT_TAIL = /^:?[-=](.*)$/s;

/**
 * Whether a text holds a Flux substitution expression.
 *
 * @param text any value
 */
export function hasFluxExpression(text: unknown): text is string {
  return typeof text === 'string' && new RegExp(EXPRESSION.source).test(text);
}

/**
 * The text with every Flux expression replaced: by its default when it has one, else by
 * `standIn(name)`.
 *
 * @param text the value as written
 * @param standIn the stand-in of a variable without a default
 */
export function substituteFlux(text: string, standIn: (name: string) => string): string {
  return text.replace(EXPRESSION, (_, name: string, tail: string) => DEFAULT_TAIL.exec(tail)?.[1] ?? standIn(name));
}

/**
 * Whether every expression of a text has a default (then the substituted text is what Flux
 * applies when the variable is not set).
 *
 * @param text the value as written
 */
function allDefaulted(text: string): boolean {
  return [...text.matchAll(EXPRESSION)].every((m) => DEFAULT_TAIL.test(m[2]));
}

/** FNV-1a, 32 bits: a stable number for a text, the same on every machine and run. */
function textHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The documentation address blocks (RFC 5737: TEST-NET-1, -2, -3), which no real peer uses. */
const DOCUMENTATION_BLOCKS = ['192.0.2', '198.51.100', '203.0.113'] as const;

/**
 * The CIDR a CIDR field holding Flux expressions stands for: with defaults everywhere, the
 * substituted text (`${IP:=10.0.0.1}/32` is `10.0.0.1/32`); otherwise one address of the
 * documentation blocks (RFC 5737), chosen by the whole text, as a `/32`. The address a variable
 * holds is unknown, so `${LAN_CIDR}` and `${ROUTER}/32` are distinct single addresses that no
 * literal block of a real policy overlaps except those spanning the documentation blocks (such
 * as `0.0.0.0/0`), which is what the variable's real value does too.
 *
 * @param text the CIDR as written, holding at least one expression
 * @returns the stand-in CIDR text
 */
export function fluxCidrStandIn(text: string): string {
  if (allDefaulted(text)) return substituteFlux(text, () => '');
  const hash = textHash(text);
  return `${DOCUMENTATION_BLOCKS[hash % 3]}.${(hash >>> 2) % 254 + 1}/32`;
}

/** The dynamic ports (RFC 6335), where a variable port's stand-in is chosen: rarely written in policies. */
const STAND_IN_PORTS = { first: 49152, count: 16384 } as const;

/**
 * The port number a port field holding Flux expressions stands for: its default when every
 * expression has one, else a dynamic port (49152-65535, RFC 6335) chosen by the text.
 *
 * @param text the port as written, e.g. `${VPN_PORT}`
 * @returns the stand-in port, as text
 */
export function fluxPortStandIn(text: string): string {
  if (allDefaulted(text)) return substituteFlux(text, () => '');
  return String(STAND_IN_PORTS.first + (textHash(text) % STAND_IN_PORTS.count));
}

/**
 * The DNS name or pattern a `toFQDNs` / DNS rule entry holding Flux expressions stands for:
 * each expression without a default becomes its variable name in lower case (`*.${DNS_MAIN}`
 * stands for `*.dns_main`), a name no real zone has.
 *
 * @param text the name or pattern as written
 */
export function fluxDnsStandIn(text: string): string {
  return substituteFlux(text, (name) => name.toLowerCase());
}

/**
 * A name, namespace, label key or label value holding Flux expressions, for syntax checks
 * only: each expression without a default becomes `x`, so `${APP}-db` is checked as `x-db`.
 * The text as written stays the object's identity.
 *
 * @param text the value as written
 */
export function fluxSyntaxStandIn(text: string): string {
  return hasFluxExpression(text) ? substituteFlux(text, () => 'x') : text;
}
