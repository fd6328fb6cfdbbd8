import type { DirectionVerdict, FlowVerdict } from './verdict';

/** One probe's line of `netpol probe --format json`, fields in the flow-probe spec's order. */
export interface VerdictJson {
  /** The source peer. */
  readonly from: string;
  /** The destination peer. */
  readonly to: string;
  /** The destination port. */
  readonly port: number;
  /** The protocol. */
  readonly protocol: string;
  /** `allow` when both sides allow. */
  readonly verdict: 'allow' | 'deny';
  /**
   * What the probe expected.
   *
   * @default - absent: the probe states no expectation
   */
  readonly expect?: 'allow' | 'deny';
  /** Whether the verdict met `expect` (true when there is none). */
  readonly ok: boolean;
  /** The source side. */
  readonly egress: DirectionVerdict;
  /** The destination side. */
  readonly ingress: DirectionVerdict;
  /**
   * What the simulator did not model for this flow.
   *
   * @default - absent: nothing unmodelled touches the flow
   */
  readonly notices?: readonly string[];
}

/**
 * The JSON object `netpol probe --format json` prints for one verdict (and the report page's
 * `window.netpolReport.ask` returns), fields in the spec's order.
 *
 * @param verdict the verdict
 * @param expect the probe's expectation, if any
 */
export function verdictJson(verdict: FlowVerdict, expect?: 'allow' | 'deny'): VerdictJson {
  const { notices } = verdict;
  return {
    from: verdict.from,
    to: verdict.to,
    port: verdict.port,
    protocol: verdict.protocol,
    verdict: verdict.verdict,
    ...(expect !== undefined ? { expect } : {}),
    ok: expect === undefined || expect === verdict.verdict,
    egress: direction(verdict.egress),
    ingress: direction(verdict.ingress),
    ...(notices !== undefined && notices.length > 0 ? { notices } : {}),
  };
}

function direction(d: DirectionVerdict): DirectionVerdict {
  return { verdict: d.verdict, by: d.by, ...(d.reason !== undefined ? { reason: d.reason } : {}) };
}
