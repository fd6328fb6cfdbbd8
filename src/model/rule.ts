import type { Downgrade } from './downgrade';
import { icmpText, type IcmpType } from './icmp';
import { Peer } from './peer';
import { PolicyError } from './policy-error';
import { Port } from './port';
import { Problems } from './problems';
import { widePortsProblem } from './port-coverage';
import { compareText } from './compare';

/** Which way a rule points, seen from the selected endpoints. */
export type Direction = 'ingress' | 'egress';

/**
 * One allow rule: traffic to or from `peer` on `ports`. Rules only ever allow: the library
 * emits no deny rules (Cilium deny rules win over every allow, see docs.cilium.io, Policy
 * Language, "Deny Policies").
 */
export interface Rule {
  /** The other end. */
  readonly peer: Peer;
  /** The destination ports; empty only when `anyPortReason` is set. */
  readonly ports: readonly Port[];
  /** Why the rule exists, in words; rendered as a comment-like description. */
  readonly description: string;
  /**
   * Send the DNS queries this rule allows through Cilium's DNS proxy (`rules.dns`), which is
   * what makes `toFQDNs` rules work.
   * @default false
   */
  readonly dnsInspection?: boolean;
  /**
   * Why the rule allows every port: set by `Port.any({ reason })` and by the library's own rules
   * that must (kubelet health probes, the escape hatch).
   * @default - the rule has a port list
   */
  readonly anyPortReason?: string;
  /**
   * ICMP message types the rule also allows (Cilium `icmps`), set only by the library's own
   * rules (Cilium health checks ping). Plain NetworkPolicy has no ICMP: its renderer leaves them
   * out with a comment.
   * @default - no ICMP
   */
  readonly icmps?: readonly IcmpType[];
  /**
   * What the NetworkPolicy renderer emits instead, when plain NetworkPolicy cannot express the
   * rule (a DNS name, a Cilium-only entity). The Cilium renderer ignores it.
   * @default - none: the NetworkPolicy renderer refuses rules it cannot express
   */
  readonly downgrade?: Downgrade;
}

/** Options of the rule-adding methods (`allowIngress`, `allowEgress`). */
export interface RuleOptions {
  /**
   * Why the rule exists.
   * @default - generated from the peer and ports, e.g. "egress to fqdn:api.github.com on tcp/443"
   */
  readonly description?: string;
  /**
   * The explicit downgrade for clusters rendered as plain NetworkPolicy (`Renderer.KUBERNETES`),
   * e.g. `Downgrade.toCidrs(['140.82.112.0/20'], 'GitHub meta ranges')` for a `Peer.fqdn` rule.
   * @default - none: the NetworkPolicy renderer refuses a rule it cannot express
   */
  readonly downgrade?: Downgrade;
}

/**
 * The problems of a rule about to be declared (src/model/problems.ts): those its peer, ports and
 * downgrade carry, a missing or empty port list ("any port"), ports that together open more than
 * half of a protocol's ports (`widePortsProblem`), values that are not a `Peer` or a `Port`, and
 * ingress from a DNS name. Constructs record them when a rule is declared.
 *
 * @param direction the direction
 * @param peer the other end
 * @param ports the destination ports
 * @param options the downgrade
 * @returns the messages, empty when the rule is valid
 */
export function ruleProblems(direction: Direction, peer: Peer, ports: readonly Port[], options: RuleOptions = {}): readonly string[] {
  const problems = new Problems();
  const towards = direction === 'ingress' ? 'from' : 'to';
  if (!(peer instanceof Peer)) {
    problems.add(`The ${direction} rule needs a Peer (Peer.pods(), Peer.namespace(), Peer.fqdn(), ...), got ${JSON.stringify(peer) ?? String(peer)}.`);
  } else {
    problems.addFrom(peer);
    if (direction === 'ingress' && peer.egressOnly) {
      problems.add(`Ingress from ${peer} is not possible: DNS names only select egress destinations (toFQDNs). Use a selector or an entity.`);
    }
  }
  if (!Array.isArray(ports) || ports.length === 0) {
    problems.add(`The ${direction} rule ${towards} ${String(peer)} has no ports, which would allow any port: list the ports, e.g. [Port.tcp(8080)], or, if every port is really meant, [Port.any({ reason: 'why' })].`);
  } else {
    for (const port of ports) {
      if (port instanceof Port) problems.addFrom(port);
      else problems.add(`The ${direction} rule ${towards} ${String(peer)} has an invalid port ${JSON.stringify(port) ?? String(port)}: use Port.tcp(n), Port.udp(n), Port.tcpRange(a, b) or Port.any({ reason }).`);
    }
    const others = ports.filter((port) => port instanceof Port && !port.isAny);
    if (others.length < ports.length && others.length > 0) {
      problems.add(`The ${direction} rule ${towards} ${String(peer)} lists Port.any with other ports (${others.map(String).join(', ')}): Port.any already allows every port. Keep only Port.any, or only the ports.`);
    }
    const wide = ports.every((p) => p instanceof Port) ? widePortsProblem(ports) : undefined;
    if (wide !== undefined) {
      problems.add(`The ${direction} rule ${towards} ${String(peer)} opens ${wide}. List the ports the peer needs, `
        + "or say every port on purpose with [Port.any({ reason: 'why' })], which writes the reason into the output.");
    }
  }
  if (options) problems.addFrom(options.downgrade);
  return problems.messages;
}

/**
 * Builds a rule; a rule whose only port is `Port.any({ reason })` allows every port and carries
 * the reason. Its checks are `ruleProblems`, which constructs record when the rule is declared;
 * by the time intents are collected a problem is a bug of the caller, thrown as a `PolicyError`.
 *
 * @param direction the direction, for the default description and checks
 * @param peer the other end
 * @param ports the destination ports
 * @param where the construct path, for errors
 * @param options description
 * @throws PolicyError when `ruleProblems` finds any
 */
export function allowRule(direction: Direction, peer: Peer, ports: readonly Port[], where: string, options: RuleOptions = {}): Rule {
  const problems = ruleProblems(direction, peer, ports, options);
  if (problems.length > 0) throw new PolicyError(problems.join('\n'), where);
  const any = ports.find((port) => port.isAny);
  const description = options.description ?? `${direction} ${direction === 'ingress' ? 'from' : 'to'} ${peer} on ${any ? 'every port' : ports.map(String).join(', ')}`;
  return {
    peer, ports: any ? [] : [...ports], description,
    ...(any ? { anyPortReason: any.anyReason } : {}),
    ...(options.downgrade !== undefined ? { downgrade: options.downgrade } : {}),
  };
}

/**
 * Merges rules to the same peer into one (union of ports) and sorts them, so the rendered
 * output is canonical: the same rules in any order give the same bytes.
 *
 * @param rules the rules to normalize
 */
export function canonicalRules(rules: readonly Rule[]): Rule[] {
  const byPeer = new Map<string, Rule>();
  for (const rule of rules) {
    const key = `${rule.peer}|${rule.dnsInspection ? 'dns' : ''}|${rule.anyPortReason ? 'any' : ''}|${rule.downgrade ?? ''}`;
    const existing = byPeer.get(key);
    if (!existing) {
      byPeer.set(key, { ...rule, ports: uniquePorts(rule.ports), ...(rule.icmps ? { icmps: uniqueIcmps(rule.icmps) } : {}) });
    } else {
      const description = existing.description === rule.description ? existing.description : `${existing.description}; ${rule.description}`;
      const icmps = uniqueIcmps([...(existing.icmps ?? []), ...(rule.icmps ?? [])]);
      byPeer.set(key, { ...existing, description, ports: uniquePorts([...existing.ports, ...rule.ports]), ...(icmps.length > 0 ? { icmps } : {}) });
    }
  }
  return [...byPeer.entries()].sort(([a], [b]) => compareText(a, b)).map(([, rule]) => rule);
}

function uniquePorts(ports: readonly Port[]): Port[] {
  const sorted = [...ports].sort(Port.compare);
  return sorted.filter((port, i) => !sorted.some((other, j) => j !== i && other.covers(port) && (!port.covers(other) || j < i)));
}

function uniqueIcmps(icmps: readonly IcmpType[]): IcmpType[] {
  const byText = new Map(icmps.map((icmp) => [icmpText(icmp), icmp]));
  return [...byText.keys()].sort(compareText).map((text) => byText.get(text) as IcmpType);
}
