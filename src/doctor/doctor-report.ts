/** Why a policy drop happened, as far as the manifests of this repo tell. */
export type DropCause =
  | 'missing-access-label'
  | 'profile-without-https-egress'
  | 'profile-without-gateway-ingress'
  | 'profile-lacks-rule'
  | 'missing-baseline'
  | 'platform-namespace-without-rule'
  | 'app-namespace-without-rule'
  | 'allowed-by-manifests'
  | 'unexplained';

/** Dropped flows that one change would allow, grouped by that change. */
export interface DropGroup {
  /** The cause. */
  readonly cause: DropCause;
  /** The change to make in this repo. */
  readonly fix: string;
  /** How many dropped flows the change would allow. */
  readonly flows: number;
  /** Up to three distinct flows, `from -> to port/protocol`, sorted. */
  readonly examples: readonly string[];
  /** Why the current manifests deny the first example, from the simulator. */
  readonly reason: string;
}

/** Forwarded flows the current manifests would drop: a change here would break them. */
export interface Regression {
  /** The flow, `from -> to port/protocol`. */
  readonly flow: string;
  /** How many forwarded flows match it. */
  readonly flows: number;
  /** Why the manifests deny it, from the simulator. */
  readonly reason: string;
}

/** What `netpol doctor` found. */
export interface DoctorReport {
  /** Policy drops grouped by fix, most flows first. */
  readonly drops: readonly DropGroup[];
  /** Forwarded flows the manifests would now drop, most flows first. */
  readonly regressions: readonly Regression[];
  /** Flows not judged, by reason. */
  readonly skipped: readonly { readonly reason: string; readonly flows: number }[];
  /** Counts of the input. */
  readonly totals: { readonly flows: number; readonly policyDrops: number; readonly forwarded: number };
  /** Notices of the simulator (e.g. what it does not model). */
  readonly notices: readonly string[];
}
