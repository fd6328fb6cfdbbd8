import type { Manifest } from '../manifests/manifest';
import type { Cni, Flow } from '../probe/flow';
import { Simulator } from '../probe/simulator';
import type { Topology } from '../probe/topology';
import type { FlowVerdict } from '../probe/verdict';

/** What diff and docs need of the simulator: decide a flow, and say what is not enforced. */
export interface FlowEvaluator {
  /** Decides one flow. */
  evaluate(flow: Flow): FlowVerdict;
  /** Notes on what is not enforced, e.g. Cilium policies ignored under `--cni kubernetes`. */
  readonly notices: readonly string[];
}

/** Builds a `FlowEvaluator` over one manifest set. */
export type EvaluatorFactory = (manifests: Manifest[], topology: Topology, cni: Cni) => FlowEvaluator;

/** The flow simulator (`Simulator.build`) as an `EvaluatorFactory`: what diff and docs use. */
export const simulatorFactory: EvaluatorFactory = (manifests, topology, cni) => Simulator.build(manifests, topology, { cni });
