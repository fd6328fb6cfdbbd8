import { attachProblems, Problems, problemsOfValue, withProblems } from './problems';
import { compareText } from './compare';
import { normalizeReason, reasonProblem } from './reason';
import { Var } from './var';

/** The number a Flux variable port (`Port.tcp(Var.flux('app_port'))`) stands for in the model's checks and in validation. */
export const PORT_STAND_IN = 1;

/** The transport protocols both Kubernetes NetworkPolicy and Cilium policies can name. */
export type Protocol = 'TCP' | 'UDP' | 'SCTP';

/** Options of `Port.any`. */
export interface PortAnyOptions {
  /**
   * Why the rule must allow every port (Longhorn replica ports, a VPN pod, scrapes of any
   * port, traffic within a namespace): the explicit opt-in. It is written into the rule's
   * description and into the policy's `network-policy.homelab/any-port-reasons` annotation,
   * which `netpol lint` reads.
   */
  readonly reason: string;
}

/**
 * A destination port or port range with its protocol. Immutable; build it with the factories.
 * An invalid port carries its problems (`problemsOfValue`) and is reported by the construct using it.
 *
 * @example Port.tcp(5432), Port.tcpRange(8000, 8100), Port.DNS_UDP
 */
export class Port {
  /** TCP port `port` (a number, or a Flux variable `Var.flux('app_port')`). */
  static tcp(port: number | Var): Port { return Port.single('TCP', port); }
  /** UDP port `port` (a number, or a Flux variable). */
  static udp(port: number | Var): Port { return Port.single('UDP', port); }
  /** SCTP port `port` (a number, or a Flux variable). */
  static sctp(port: number | Var): Port { return Port.single('SCTP', port); }
  /** TCP ports `from` to `to`, both included. */
  static tcpRange(from: number, to: number): Port { return new Port('TCP', from, to); }
  /** UDP ports `from` to `to`, both included. */
  static udpRange(from: number, to: number): Port { return new Port('UDP', from, to); }

  /**
   * Every port of every protocol, only with a stated reason: the one way to say "any port"
   * (a rule without ports, `Port.tcpRange(1, 65535)` and a hand-written port `0` are refused).
   * It must be the rule's only port. Cilium renders it as a rule without `toPorts`,
   * NetworkPolicy as a rule without `ports` (both mean every port), with the reason beside it.
   *
   * @example Port.any({ reason: 'Longhorn replicas listen on dynamically assigned ports' })
   */
  static any(options: PortAnyOptions): Port {
    // Problems are attached, not thrown (src/model/problems.ts): the construct using the port reports them.
    const problem = reasonProblem(options?.reason);
    const reason = problem === undefined ? normalizeReason(options.reason) : 'no reason given';
    return withProblems(new Port('TCP', 1, 65535, reason), problem === undefined ? [] : [
      `Port.any needs a reason anyone can read in review, and the one given ${problem}: every port is allowed only on purpose, e.g. Port.any({ reason: 'Longhorn replicas use dynamic ports' }). If some ports will do, list them (Port.tcp(n), Port.tcpRange(a, b)).`,
    ]);
  }

  /** DNS over UDP: udp/53. */
  static readonly DNS_UDP = Port.udp(53);
  /** DNS over TCP: tcp/53. */
  static readonly DNS_TCP = Port.tcp(53);
  /** HTTP: tcp/80. */
  static readonly HTTP = Port.tcp(80);
  /** HTTPS: tcp/443. */
  static readonly HTTPS = Port.tcp(443);
  /** Istio ambient HBONE, the tunnel meshed pods and gateways open to meshed pods: tcp/15008. */
  static readonly HBONE = Port.tcp(15008);
  /** PostgreSQL: tcp/5432. */
  static readonly POSTGRES = Port.tcp(5432);
  /** Redis protocol (Redis, Dragonfly, Valkey): tcp/6379. */
  static readonly REDIS = Port.tcp(6379);
  /** Garage S3 API: tcp/3900. */
  static readonly GARAGE_S3 = Port.tcp(3900);
  /** Kubernetes API server (secure port): tcp/6443. */
  static readonly KUBE_API = Port.tcp(6443);

  /**
   * Compares two ports for the canonical order: protocol, then port, then range end.
   *
   * @param a one port
   * @param b the other
   */
  static compare(a: Port, b: Port): number {
    if (a.variable !== undefined || b.variable !== undefined) {
      return compareText(a.protocol, b.protocol) || (a.variable === undefined ? -1 : b.variable === undefined ? 1 : compareText(a.variable, b.variable));
    }
    if (a.anyReason !== undefined || b.anyReason !== undefined) return (a.anyReason === undefined ? 0 : 1) - (b.anyReason === undefined ? 0 : 1);
    return compareText(a.protocol, b.protocol) || a.port - b.port || (a.endPort ?? a.port) - (b.endPort ?? b.port);
  }

  private constructor(
    /** The protocol. */
    readonly protocol: Protocol,
    /** The port, or the first port of the range. */
    readonly port: number,
    /**
     * The last port of the range, included.
     * @default - a single port
     */
    readonly endPort?: number,
    /**
     * Set only by `Port.any`: why every port of every protocol is allowed.
     * @default - a port or range of one protocol
     */
    readonly anyReason?: string,
    /**
     * The Flux variable the port is (`Port.tcp(Var.flux('app_port'))`); `port` is then a stand-in.
     * @default - a literal port
     */
    readonly variable?: string,
  ) {
    // Problems are attached, not thrown (src/model/problems.ts): the construct using the port reports them.
    const problems = new Problems();
    for (const value of endPort === undefined ? [port] : [port, endPort]) {
      if (!Number.isInteger(value) || value < 1 || value > 65535) {
        problems.add(`Invalid port ${String(value)} (${protocol.toLowerCase()}): ports are whole numbers from 1 to 65535.`);
      }
    }
    if (endPort !== undefined && endPort < port) {
      problems.add(`Invalid port range ${port}-${endPort}: the end is before the start. Did you mean ${endPort}-${port}?`);
    }
    attachProblems(this, problems);
    if (endPort === port) this.endPort = undefined;
  }

  private static single(protocol: Protocol, port: number | Var): Port {
    return port instanceof Var ? withProblems(new Port(protocol, PORT_STAND_IN, undefined, undefined, port.name), problemsOfValue(port)) : new Port(protocol, port);
  }

  /** The port as the output carries it: the number, or `${name}` for a Flux variable. */
  get value(): number | string {
    return this.variable !== undefined ? `\${${this.variable}}` : this.port;
  }

  /** True when this is `Port.any`: every port of every protocol. */
  get isAny(): boolean {
    return this.anyReason !== undefined;
  }

  /** True when this port or range contains every port of `other`. */
  covers(other: Port): boolean {
    if (this.isAny) return true;
    if (other.isAny) return false;
    if (this.variable !== undefined || other.variable !== undefined) return this.protocol === other.protocol && this.variable === other.variable;
    return this.protocol === other.protocol && this.port <= other.port && (this.endPort ?? this.port) >= (other.endPort ?? other.port);
  }

  /** `tcp/5432`, `tcp/8000-8100`, `tcp/${app_port}` for a Flux variable, or `any` for `Port.any`. */
  toString(): string {
    if (this.isAny) return 'any';
    if (this.variable !== undefined) return `${this.protocol.toLowerCase()}/\${${this.variable}}`;
    const ports = this.endPort === undefined ? `${this.port}` : `${this.port}-${this.endPort}`;
    return `${this.protocol.toLowerCase()}/${ports}`;
  }
}
