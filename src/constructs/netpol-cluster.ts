import { Chart } from 'cdk8s';
import { Construct, type IConstruct } from 'constructs';
import { checkDnsLabel } from '../model/names';
import type { AlertIntent } from '../model/policy';
import { Peer } from '../model/peer';
import { everyNamespaceReach } from '../model/peer-reach';
import { PolicyError } from '../model/policy-error';
import { problemsOf } from './problems';
import type { Problems } from '../model/problems';
import { Port } from '../model/port';
import { widePortsProblem } from '../model/port-coverage';
import { Renderer, resolveSettings, type ClusterSettings, type ResolvedSettings } from './cluster-settings';
import { resolveKubernetesOptions, type KubernetesRendererOptions, type ResolvedKubernetesOptions } from './kubernetes-options';
import type { PolicySource } from './policy-source';

/**
 * Refuses design peers that reach every namespace. The gateways, Prometheus and the DNS server
 * are admitted by policies that select every pod (or every pod of a profile), so such a
 * peer would let any pod in as, say, Prometheus; and their ports would be wide open for it.
 */
function checkSettings(settings: ResolvedSettings, problems: Problems): void {
  const roles: [string, Peer][] = [
    ...Object.entries(settings.gateways).map(([name, peer]): [string, Peer] => [`gateways.${name}`, peer]),
    ['prometheus', settings.prometheus], ['dnsServer', settings.dnsServer],
  ];
  for (const [role, peer] of roles) {
    const reach = peer instanceof Peer ? everyNamespaceReach(peer) : undefined;
    if (reach !== undefined) {
      problems.add(`The cluster's ${role} peer is ${peer}, ${reach}: the design's policies admit it into every pod${role.startsWith('gateways') ? ' of the profiles that name it' : ''}, `
        + `so any such pod would pass as the ${role.startsWith('gateways') ? 'gateway' : role}. Name the pods it runs as: ${role}: Peer.pods('<namespace>', { <pod labels> }).`);
    }
  }
  const wide: [string, readonly Port[]][] = [['appPorts', settings.appPorts], ['metricsPorts', settings.metricsPorts]];
  for (const [name, ports] of wide) {
    const problem = Array.isArray(ports) && ports.every((p) => p instanceof Port) ? widePortsProblem(ports) : undefined;
    if (problem !== undefined) {
      problems.add(`The cluster's ${name} open ${problem}; every pod admits ${name === 'appPorts' ? 'the gateways' : 'Prometheus'} on them. List the ports pods serve on, e.g. ${name}: [Port.tcp(8080)].`);
    }
  }
}

/** A construct class, as `sourcesOf` takes it (protected constructors included). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type SourceType<T> = Function & { readonly prototype: T };

/** Marks the objects `instanceof NetpolCluster` accepts. */
const CLUSTER_BRAND = Symbol('NetpolCluster');

/** Properties of a `NetpolCluster`. */
export interface NetpolClusterProps extends ClusterSettings {
  /**
   * The cluster name: the output folder `dist/<name>/`.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * The CNI the manifests are rendered for.
   * @default Renderer.CILIUM
   */
  readonly renderer?: Renderer;
  /**
   * Options of the NetworkPolicy renderer (read when `renderer` is `Renderer.KUBERNETES`): the
   * API server's addresses, whether the CNI enforces NetworkPolicy.
   * @default - no API server address (rules to the API server fail to synthesize); the CNI enforces NetworkPolicy
   */
  readonly kubernetes?: KubernetesRendererOptions;
}

/** The alerts a cluster carries, set by `ClusterBaseline`. */
export interface ClusterAlerts {
  readonly namespace: string;
  readonly name: string;
  readonly rules: readonly AlertIntent[];
}

/**
 * One cluster's network policy: the root every other construct of this library lives under.
 * It is a cdk8s `Chart`; `synthesize()` renders it into `dist/<name>/`, one file per concern
 * plus a `kustomization.yaml`.
 *
 * @example
 * const cluster = new NetpolCluster(app, 'homelab');
 * new ClusterBaseline(cluster, 'baseline');
 * Profile.standard(cluster);
 * new AppNamespace(cluster, 'blog', { profile: 'standard', access: ['postgres'] });
 */
export class NetpolCluster extends Chart {
  /**
   * `instanceof NetpolCluster` holds for clusters only. cdk8s's `Chart` defines
   * `Symbol.hasInstance` as "is any chart", which subclasses inherit: without this, a plain
   * `Chart` of the same app (an app repo's cdk8s-plus Deployments) would be taken for a cluster.
   *
   * @param value any value
   */
  static [Symbol.hasInstance](value: unknown): value is NetpolCluster {
    return value !== null && typeof value === 'object' && (value as Record<symbol, unknown>)[CLUSTER_BRAND] === true;
  }

  /**
   * The cluster a construct belongs to.
   *
   * @param construct any construct inside a cluster
   * @throws PolicyError when the construct is not inside a `NetpolCluster`
   */
  static of(construct: IConstruct): NetpolCluster {
    const found = NetpolCluster.tryOf(construct);
    if (!found) {
      throw new PolicyError(`${construct.constructor.name} must be created inside a NetpolCluster: new ${construct.constructor.name}(cluster, ...).`, construct.node.path);
    }
    return found;
  }

  /**
   * The cluster a construct belongs to, if any.
   *
   * @param construct any construct
   * @returns the innermost `NetpolCluster` containing it (itself included), or undefined
   */
  static tryOf(construct: IConstruct): NetpolCluster | undefined {
    return construct.node.scopes.slice().reverse().find((s): s is NetpolCluster => s instanceof NetpolCluster);
  }

  /** The cluster name and output folder. */
  readonly clusterName: string;
  /** The CNI the manifests are rendered for. */
  readonly renderer: Renderer;
  /** The peers and ports of the design, defaults applied. */
  readonly settings: ResolvedSettings;
  /** The NetworkPolicy renderer options, defaults applied. */
  readonly kubernetes: ResolvedKubernetesOptions;
  private alertSet?: ClusterAlerts;
  private readonly registered: PolicySource[] = [];
  private readonly byType = new Map<SourceType<PolicySource>, PolicySource[]>();

  constructor(scope: Construct, id: string, props: NetpolClusterProps = {}) {
    super(scope, id);
    Object.defineProperty(this, CLUSTER_BRAND, { value: true });
    const problems = problemsOf(this);
    this.clusterName = props.name ?? id;
    problems.check(() => checkDnsLabel('cluster name', this.clusterName));
    this.renderer = props.renderer ?? Renderer.CILIUM;
    if (!Object.values(Renderer).includes(this.renderer)) {
      problems.add(`Unknown renderer "${String(this.renderer)}": use Renderer.CILIUM or Renderer.KUBERNETES.`);
    }
    this.settings = resolveSettings(props, problems);
    checkSettings(this.settings, problems);
    this.kubernetes = resolveKubernetesOptions(props.kubernetes, problems);
  }

  /**
   * Records a policy source; `PolicySource` calls it from its constructor, so lookups never
   * walk the construct tree (which would make large clusters quadratic).
   *
   * @param source the new member
   */
  register(source: PolicySource): void {
    this.registered.push(source);
    this.byType.clear();
  }

  /** Every policy source of the cluster, in the order they were created. */
  sources(): readonly PolicySource[] {
    return this.registered;
  }

  /**
   * The sources of one type (cached until the next `register`).
   *
   * @param type the construct class, e.g. `Profile`
   */
  sourcesOf<T extends PolicySource>(type: SourceType<T>): readonly T[] {
    let found = this.byType.get(type);
    if (!found) {
      found = this.registered.filter((s) => s instanceof (type as unknown as new () => T));
      this.byType.set(type, found);
    }
    return found as T[];
  }

  /**
   * Sets the alerts of the cluster (done by `ClusterBaseline`).
   *
   * @param alerts the PrometheusRule's namespace, name and rules
   * @returns false, changing nothing, when the cluster already has alerts
   */
  setAlerts(alerts: ClusterAlerts): boolean {
    if (this.alertSet) return false;
    this.alertSet = alerts;
    return true;
  }

  /** The enforcement alerts, when a `ClusterBaseline` set them. */
  get alerts(): ClusterAlerts | undefined {
    return this.alertSet;
  }
}
