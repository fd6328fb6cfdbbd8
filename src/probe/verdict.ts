import type { Flow } from './flow';

/** What one side of a flow decided: the source's egress or the destination's ingress. */
export interface DirectionVerdict {
  /** Whether this side lets the flow through. */
  readonly verdict: 'allow' | 'deny';
  /**
   * Every policy whose rule allowed or denied this side, sorted: `Kind namespace/name`
   * (`CiliumClusterwideNetworkPolicy name` for cluster-wide policies).
   */
  readonly by: string[];
  /**
   * Why this side denies, in words a person can act on.
   *
   * @default - absent when the side allows
   */
  readonly reason?: string;
}

/** The verdict on a flow: allowed only when the source's egress and the destination's ingress both allow. */
export interface FlowVerdict extends Flow {
  /** `allow` when both sides allow. */
  readonly verdict: 'allow' | 'deny';
  /** The source side. */
  readonly egress: DirectionVerdict;
  /** The destination side. */
  readonly ingress: DirectionVerdict;
  /**
   * What the simulator did not model for this flow (flow-probe spec, "Output"): the unmodelled
   * parts (`toServices`, `fromRequires`, layer-7 rules, host policies, ...) of policies that
   * select either end, so a verdict that might differ on a real cluster says so.
   *
   * @default - absent: nothing unmodelled touches the flow
   */
  readonly notices?: readonly string[];
}
