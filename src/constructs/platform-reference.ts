import * as path from 'node:path';
import type { Construct } from 'constructs';
import { InputError } from '../cli/input-error';
import type { PlatformContract } from '../contract/platform-contract';
import { readPlatformContract } from '../contract/read-contract';
import { BUILTIN_PROFILES, BUILTIN_SHARED_SERVICES } from '../model/labels';
import { checkDnsLabel } from '../model/names';
import type { PolicyIntent } from '../model/policy';
import { Renderer } from './cluster-settings';
import { NetpolCluster } from './netpol-cluster';
import { PolicySource } from './policy-source';
import { problemsOf } from './problems';

/** Where `fromFile` passes the contract to the constructor: not a property users set. */
const CONTRACT = Symbol('contract');

/** The contract `fromFile` read, or why it could not. */
interface ContractSource {
  readonly file: string;
  readonly contract?: PlatformContract;
  readonly refusal?: string;
}

/** Properties of a `PlatformReference`. */
export interface PlatformReferenceProps {
  /**
   * The profiles the cluster's policy repository defines, which this repository's namespaces may use.
   * @default - the four built-ins: isolated, internal, internal-egress, standard
   */
  readonly profiles?: readonly string[];
  /**
   * The shared services the cluster's policy repository defines, which namespaces may name in `access`.
   * @default - the four built-ins: postgres, dragonfly, garage-s3, kube-api
   */
  readonly sharedServices?: readonly string[];
}

/**
 * The parts of a cluster another repository owns: for an application repository that declares
 * only its own namespaces. The cluster's policy repository deploys the baselines (DNS, health,
 * Prometheus), the profiles and the shared services; this construct declares which exist, so
 * `AppNamespace` keeps its guardrails (an unknown profile or access label still fails, with a
 * "did you mean") while synthesis emits only the application's Namespace and policies.
 *
 * Cilium only: the platform's CiliumClusterwideNetworkPolicies select every namespace carrying
 * the labels. On `Renderer.KUBERNETES` declare the baseline, profiles and services in the
 * application repository itself; only the namespaces it owns are written.
 *
 * Prefer `PlatformReference.fromFile`: it reads the platform repo's contract (`platform.json`),
 * so the names come from the platform itself rather than a copy kept by hand.
 *
 * @example
 * const cluster = new NetpolCluster(app, 'homelab');
 * new PlatformReference(cluster, 'platform');           // baselines, built-in profiles and services live in the platform repo
 * new AppNamespace(cluster, 'blog', { profile: 'standard', access: ['postgres'] });
 */
export class PlatformReference extends PolicySource {
  /**
   * A reference to the platform described by its contract: the `platform.json` the platform repo's
   * synthesis writes into `dist/<cluster>/` (docs/platform-contract.md). Its profiles and shared
   * services are the ones `AppNamespace` accepts, and its checks name this repository's fix (ask the
   * platform repo, then update the contract).
   *
   * The file is read as netpol reads every input (a regular file, at most 8 MiB, strict UTF-8) and
   * checked against schema/platform-contract.v1.json. A file that cannot be read or is not a valid
   * contract is reported with the file and the field when the app is synthesized (exit status 2,
   * nothing written), as are a contract of another cluster or one the platform renders as plain
   * NetworkPolicy.
   *
   * @example
   * const cluster = new NetpolCluster(app, 'homelab');
   * PlatformReference.fromFile(cluster, 'platform', 'platform.json'); // copied from the platform repo's dist/homelab/
   * new AppNamespace(cluster, 'blog', { profile: 'standard', access: ['postgres'] });
   *
   * @param scope the cluster
   * @param id the construct id
   * @param file the contract, relative to the working directory (where `cdk8s synth` runs) or absolute
   */
  static fromFile(scope: Construct, id: string, file: string): PlatformReference {
    let contract: PlatformContract | undefined;
    let refusal: string | undefined;
    try {
      contract = readPlatformContract(path.resolve(file), process.cwd(), file).contract;
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      refusal = `Cannot read the platform contract: ${error.message}`;
    }
    return new PlatformReference(scope, id, {
      profiles: contract?.profiles.map((p) => p.name) ?? [],
      sharedServices: contract?.sharedServices.map((s) => s.name) ?? [],
      [CONTRACT]: { file, contract, refusal },
    } as PlatformReferenceProps);
  }

  /** The profile names, sorted. */
  readonly profiles: readonly string[];
  /** The shared service names, sorted. */
  readonly sharedServices: readonly string[];
  /**
   * The contract file the names were read from (`fromFile`).
   * @default - none: the names were given in the properties
   */
  readonly contractFile?: string;
  /**
   * The names of the platform's cluster-wide baselines (`baseline-dns`, ...), from the contract.
   * @default - none listed: the platform is taken to deploy the baselines
   */
  readonly baselines?: readonly string[];
  /**
   * The ports the platform's gateways reach application pods on, from the contract.
   * @default - unknown: the names were given in the properties
   */
  readonly appPorts?: readonly string[];
  /**
   * True when the contract could not be read: the reference then vouches for no name, and
   * `AppNamespace` leaves its checks to the reported problem.
   */
  readonly refused: boolean;

  constructor(scope: Construct, id: string, props: PlatformReferenceProps = {}) {
    super(scope, id);
    const problems = problemsOf(this);
    const fromContract = (props as { [CONTRACT]?: ContractSource })[CONTRACT];
    this.contractFile = fromContract?.file;
    this.baselines = fromContract?.contract?.baselines;
    this.appPorts = fromContract?.contract?.appPorts;
    this.refused = fromContract?.refusal !== undefined;
    if (fromContract?.refusal !== undefined) problems.add(fromContract.refusal);
    const contract = fromContract?.contract;
    const cluster = NetpolCluster.tryOf(this);
    if (contract && cluster && contract.cluster !== cluster.clusterName) {
      problems.add(`The platform contract ${fromContract?.file} describes cluster "${contract.cluster}", but this NetpolCluster is "${cluster.clusterName}": `
        + `use the platform.json of the platform repo's dist/${cluster.clusterName}/, or name the cluster "${contract.cluster}".`);
    }
    if (contract && cluster) {
      // `Peer.gateway(name)` in this repository's rules resolves through this cluster's settings:
      // they must name the platform's gateway pods.
      for (const gateway of contract.gateways) {
        const own = cluster.settings.gateways[gateway.name];
        if (own === undefined || own.toString() !== gateway.peer.text) {
          problems.add(`The platform's gateway "${gateway.name}" is ${gateway.peer.text} (${fromContract?.file}), but this NetpolCluster's is ${own?.toString() ?? 'not set'}: `
            + `Peer.gateway('${gateway.name}') would name other pods than the platform's. Give the NetpolCluster the platform's gateways: `
            + `new NetpolCluster(app, '${cluster.clusterName}', { gateways: { ${gateway.name}: Peer.pods(...) } }).`);
        }
      }
    }
    if (contract?.renderer === 'kubernetes' && cluster?.renderer !== Renderer.KUBERNETES) {
      problems.add(`The platform contract ${fromContract?.file} is for a cluster rendered as plain NetworkPolicy (renderer: kubernetes): its policies are namespaced `
        + 'and cannot reach this repository\'s namespaces. Declare the baseline, profiles and services here instead (see PlatformReference on Renderer.KUBERNETES).');
    }
    if (NetpolCluster.tryOf(this)?.renderer === Renderer.KUBERNETES) {
      // NetworkPolicy is namespaced: the platform repository's copies of the cluster-wide
      // policies only reach the namespaces it owns, never this repository's.
      problems.add('PlatformReference cannot be used with Renderer.KUBERNETES: NetworkPolicy is namespaced, so the platform repository cannot '
        + 'give this repository\'s namespaces their baseline and profile policies. Declare them here instead: new ClusterBaseline(cluster, \'baseline\', { alerts: false }), '
        + 'Profile.builtins(cluster), SharedService.builtins(cluster); on Renderer.KUBERNETES only the namespaces this repository owns are written.');
    }
    this.profiles = [...new Set(props.profiles ?? BUILTIN_PROFILES)].sort();
    this.sharedServices = [...new Set(props.sharedServices ?? BUILTIN_SHARED_SERVICES)].sort();
    for (const p of this.profiles) problems.check(() => checkDnsLabel('profile name', p));
    for (const s of this.sharedServices) problems.check(() => checkDnsLabel('shared service name', s));
  }

  /** None: the referenced policies are deployed by the cluster's own policy repository. */
  policies(): PolicyIntent[] {
    return [];
  }
}
