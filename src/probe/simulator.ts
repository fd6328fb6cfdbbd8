import type { Manifest } from '../manifests/manifest';
import type { Cni, Flow } from './flow';
import type { Topology } from './topology';
import type { FlowVerdict } from './verdict';

/** Options of `Simulator.build`. */
export interface SimulatorOptions {
  /**
   * The enforcer to model.
   *
   * @default - `cilium`
   */
  readonly cni?: Cni;
}

/** The flow simulator (skeleton: the engine lands in the next commit). */
export class Simulator {
  /** Builds a simulator over manifests and a topology. */
  static build(manifests: Manifest[], topology: Topology, options: SimulatorOptions = {}): Simulator {
    return new Simulator(manifests, topology, options.cni ?? 'cilium');
  }

  /** Notes on what is not enforced. */
  readonly notices: string[] = [];

  private constructor(private readonly manifests: Manifest[], private readonly topology: Topology, private readonly cni: Cni) {}

  /** Decides one flow. */
  evaluate(flow: Flow): FlowVerdict {
    throw new Error(`not implemented yet: ${flow.from} ${this.cni} ${this.manifests.length}`);
  }

  /** Every pod as `ns/pod`, sorted. */
  pods(): string[] {
    return Object.entries(this.topology.namespaces).flatMap(([ns, n]) => Object.keys(n.pods).map((p) => `${ns}/${p}`)).sort();
  }
}

/**
 * Decides many flows over one set of manifests and one topology.
 *
 * @param manifests the manifests (NetworkPolicy, CNP, CCNP, Namespace; other kinds are ignored)
 * @param topology the namespaces, pods and externals
 * @param flows the flows to decide
 * @param options the enforcer
 */
export function probe(manifests: Manifest[], topology: Topology, flows: Flow[], options: SimulatorOptions = {}): FlowVerdict[] {
  const simulator = Simulator.build(manifests, topology, options);
  return flows.map((flow) => simulator.evaluate(flow));
}
