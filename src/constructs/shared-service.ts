import type { Construct } from 'constructs';
import { accessLabel } from '../model/labels';
import { checkDnsLabel } from '../model/names';
import { Peer } from '../model/peer';
import type { PolicyIntent } from '../model/policy';
import { Entity } from '../model/entity';
import { everyNamespaceReach } from '../model/peer-reach';
import { Port } from '../model/port';
import { allowRule, ruleProblems } from '../model/rule';
import { subjectOf } from '../model/subject';
import type { NetpolCluster } from './netpol-cluster';
import { PolicySource } from './policy-source';
import { problemsOf } from './problems';

/** Properties of a `SharedService`. */
export interface SharedServiceProps {
  /**
   * The service name: the access label is `access.network-policy.homelab/<name>: "true"`.
   * @default - the construct id
   */
  readonly name?: string;
  /** Where the service runs: pods (`Peer.pods(...)`) or an entity (`Peer.kubeApiServer()`). */
  readonly peer: Peer;
  /** The ports it listens on. */
  readonly ports: readonly Port[];
  /**
   * What the service is, in words.
   * @default - the name
   */
  readonly description?: string;
}

/** Where a built-in service runs, when it is not the default. */
export interface SharedServiceLocation {
  /**
   * The namespace of the service's pods.
   * @default 'database'
   */
  readonly namespace?: string;
  /**
   * The labels of the service's pods.
   * @default - `app.kubernetes.io/name` = postgresql, dragonfly or garage
   */
  readonly podLabels?: Readonly<Record<string, string>>;
}

/**
 * A service that namespaces opt into with an access label,
 * `access.network-policy.homelab/<name>: "true"`. Both ends are default-deny, so it renders
 * two cluster-wide policies: `access-<name>` lets labelled namespaces reach the service, and
 * `access-<name>-server` lets the service's pods admit them (not for entities such as the API
 * server, which have no policy of their own).
 *
 * Under Istio ambient, traffic between meshed pods arrives on HBONE (tcp/15008), so the port
 * list does not constrain meshed clients: the namespace selection still does.
 */
export class SharedService extends PolicySource {
  /** PostgreSQL: pods `app.kubernetes.io/name=postgresql` of `database`, tcp/5432. */
  static postgres(cluster: NetpolCluster, location: SharedServiceLocation = {}): SharedService {
    return SharedService.inDatabase(cluster, 'postgres', 'postgresql', Port.POSTGRES, 'PostgreSQL', location);
  }

  /** Dragonfly (Redis protocol): pods `app.kubernetes.io/name=dragonfly` of `database`, tcp/6379. */
  static dragonfly(cluster: NetpolCluster, location: SharedServiceLocation = {}): SharedService {
    return SharedService.inDatabase(cluster, 'dragonfly', 'dragonfly', Port.REDIS, 'Dragonfly (Redis protocol)', location);
  }

  /** Garage S3 API: pods `app.kubernetes.io/name=garage` of `database`, tcp/3900. */
  static garageS3(cluster: NetpolCluster, location: SharedServiceLocation = {}): SharedService {
    return SharedService.inDatabase(cluster, 'garage-s3', 'garage', Port.GARAGE_S3, 'Garage S3 API', location);
  }

  /** The Kubernetes API server (entity `kube-apiserver`), tcp/6443. */
  static kubeApi(cluster: NetpolCluster): SharedService {
    return new SharedService(cluster, 'kube-api', { peer: Peer.kubeApiServer(), ports: [Port.KUBE_API], description: 'Kubernetes API server' });
  }

  /** All four built-in services. */
  static builtins(cluster: NetpolCluster): SharedService[] {
    return [SharedService.postgres(cluster), SharedService.dragonfly(cluster), SharedService.garageS3(cluster), SharedService.kubeApi(cluster)];
  }

  private static inDatabase(cluster: NetpolCluster, name: string, app: string, port: Port, description: string, location: SharedServiceLocation): SharedService {
    const peer = Peer.pods(location.namespace ?? 'database', location.podLabels ?? { 'app.kubernetes.io/name': app });
    return new SharedService(cluster, name, { peer, ports: [port], description });
  }

  /** The service name. */
  readonly serviceName: string;
  /** Where the service runs. */
  readonly peer: Peer;
  /** The service's ports. */
  readonly ports: readonly Port[];
  /** What the service is, in words. */
  readonly description: string;

  constructor(scope: Construct, id: string, props: SharedServiceProps) {
    super(scope, id);
    const problems = problemsOf(this);
    this.serviceName = props?.name ?? id;
    problems.check(() => checkDnsLabel('shared service name', this.serviceName));
    this.peer = props?.peer;
    this.ports = props?.ports ?? [];
    this.description = props?.description ?? this.serviceName;
    // Checks peer and ports now, so a bad service is reported at its own construct.
    for (const message of ruleProblems('egress', this.peer, this.ports)) problems.add(message);
    const spec = this.peer instanceof Peer ? this.peer.spec : undefined;
    // A service on the internet (entity world) is a destination like any other; every pod, or
    // every endpoint, is not a service: it would widen both of the service's policies.
    const reach = spec === undefined || (spec.kind === 'entity' && spec.entity === Entity.WORLD) ? undefined : everyNamespaceReach(this.peer);
    if (reach !== undefined) {
      problems.add(`Shared service "${this.serviceName}" runs on ${this.peer}, ${reach}: namespaces labelled ${accessLabel(this.serviceName)}=true `
        + `would reach all of it${spec?.kind === 'endpoints' ? `, and its server side (access-${this.serviceName}-server) would select all of those pods and admit them` : ''}. `
        + `Name the pods that serve it: peer: Peer.pods('<namespace>', { <pod labels> }).`);
    }
    if (spec?.kind === 'endpoints' && spec.namespace === undefined && !spec.anyNamespace) {
      problems.add(`Shared service "${this.serviceName}" needs the namespace of its pods: use Peer.pods('<namespace>', labels).`);
    }
  }

  policies(): PolicyIntent[] {
    const where = this.node.path;
    const label = accessLabel(this.serviceName);
    const clientSide: PolicyIntent = {
      name: `access-${this.serviceName}`,
      subject: { namespaceLabels: { [label]: 'true' }, podLabels: {} },
      ingress: [],
      egress: [allowRule('egress', this.peer, this.ports, where, { description: `egress to ${this.description} (${this.peer}) on ${this.ports.map(String).join(', ')}` })],
      description: `Namespaces labelled ${label}=true reach ${this.description}.`,
      group: 'shared-services',
      constructPath: where,
    };
    if (this.peer.spec.kind !== 'endpoints') return [clientSide];
    const serverSide: PolicyIntent = {
      name: `access-${this.serviceName}-server`,
      subject: subjectOf(this.peer, where),
      ingress: [allowRule('ingress', Peer.accessLabel(this.serviceName), this.ports, where, { description: `ingress from namespaces labelled ${label}=true` })],
      egress: [],
      description: `${this.description} admits namespaces labelled ${label}=true.`,
      group: 'shared-services',
      constructPath: where,
    };
    return [clientSide, serverSide];
  }
}
