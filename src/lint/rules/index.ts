import type { LintRule } from '../lint-rule';
import { ccnpSelectsNothing } from './ccnp-selects-nothing';
import { ccnpWildcardPeer } from './ccnp-wildcard-peer';
import { dnsEgressMissing } from './dns-egress-missing';
import { emptySectionIgnored } from './empty-section-ignored';
import { escapeHatchWithoutReason } from './escape-hatch-without-reason';
import { everyNamespacePeer } from './every-namespace-peer';
import { hostPolicyNeedsHostFirewall } from './host-policy-needs-host-firewall';
import { internetToEveryNamespace } from './internet-to-every-namespace';
import { ipblockReachesPrivateRange } from './ipblock-reaches-private-range';
import { meshHboneMissing } from './mesh-hbone-missing';
import { noAnyPort } from './no-any-port';
import { noExplicitDefaultDeny } from './no-explicit-default-deny';
import { noHardCodedIp } from './no-hard-coded-ip';
import { noProfileOnPlatform } from './no-profile-on-platform';
import { oneSidedFlow } from './one-sided-flow';
import { policyNamespaceMissing } from './policy-namespace-missing';
import { reasonNotVisible } from './reason-not-visible';
import { ruleShadowedByDeny } from './rule-shadowed-by-deny';
import { unknownAccessLabel } from './unknown-access-label';
import { unknownProfile } from './unknown-profile';
import { widePortRange } from './wide-port-range';

/** Every lint rule, sorted by id. */
export const LINT_RULES: readonly LintRule[] = [
  ccnpSelectsNothing,
  ccnpWildcardPeer,
  dnsEgressMissing,
  emptySectionIgnored,
  escapeHatchWithoutReason,
  everyNamespacePeer,
  hostPolicyNeedsHostFirewall,
  internetToEveryNamespace,
  ipblockReachesPrivateRange,
  meshHboneMissing,
  noAnyPort,
  noExplicitDefaultDeny,
  noHardCodedIp,
  noProfileOnPlatform,
  oneSidedFlow,
  policyNamespaceMissing,
  reasonNotVisible,
  ruleShadowedByDeny,
  unknownAccessLabel,
  unknownProfile,
  widePortRange,
];
