import { attachProblems, Problems } from './problems';
import { compareText } from './compare';

/** The transport protocols both Kubernetes NetworkPolicy and Cilium policies can name. */
export type Protocol = 'TCP' | 'UDP' | 'SCTP';

/**
 * A destination port or port range with its protocol. Immutable; build it with the factories.
 * An invalid port carries its problems (`problemsOfValue`) and is reported by the construct using it.
 *
 * @example Port.tcp(5432), Port.tcpRange(8000, 8100), Port.DNS_UDP
 */
export class Port {
  /** TCP port `port`. */
  static tcp(port: number): Port { return new Port('TCP', port); }
  /** UDP port `port`. */
  static udp(port: number): Port { return new Port('UDP', port); }
  /** SCTP port `port`. */
  static sctp(port: number): Port { return new Port('SCTP', port); }
  /** TCP ports `from` to `to`, both included. */
  static tcpRange(from: number, to: number): Port { return new Port('TCP', from, to); }
  /** UDP ports `from` to `to`, both included. */
  static udpRange(from: number, to: number): Port { return new Port('UDP', from, to); }

  /** DNS over UDP: udp/53. */
  static readonly DNS_UDP = Port.udp(53);
  /** DNS over TCP: tcp/53. */
  static readonly DNS_TCP = Port.tcp(53);
  /** HTTP: tcp/80. */
  static readonly HTTP = Port.tcp(80);
  /** HTTPS: tcp/443. */
  static readonly HTTPS = Port.tcp(443);
  /** Istio ambient HBONE tunnel between ztunnels and meshed pods: tcp/15008. */
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

  /** True when this port or range contains every port of `other`. */
  covers(other: Port): boolean {
    return this.protocol === other.protocol && this.port <= other.port && (this.endPort ?? this.port) >= (other.endPort ?? other.port);
  }

  /** `tcp/5432` or `tcp/8000-8100`. */
  toString(): string {
    const ports = this.endPort === undefined ? `${this.port}` : `${this.port}-${this.endPort}`;
    return `${this.protocol.toLowerCase()}/${ports}`;
  }
}
