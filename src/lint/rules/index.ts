import type { LintRule } from '../lint-rule';
import { ccnpSelectsNothing } from './ccnp-selects-nothing';
import { ccnpWildcardPeer } from './ccnp-wildcard-peer';
import { dnsEgressMissing } from './dns-egress-missing';
import { emptySectionIgnored } from './empty-section-ignored';
import { hostPolicyNeedsHostFirewall } from './host-policy-needs-host-firewall';
import { noAnyPort } from './no-any-port';
import { noExplicitDefaultDeny } from './no-explicit-default-deny';
import { noHardCodedIp } from './no-hard-coded-ip';
import { noProfileOnPlatform } from './no-profile-on-platform';
import { oneSidedFlow } from './one-sided-flow';
import { policyNamespaceMissing } from './policy-namespace-missing';
import { ruleShadowedByDeny } from './rule-shadowed-by-deny';
import { unknownAccessLabel } from './unknown-access-label';
import { unknownProfile } from './unknown-profile';

/** Every lint rule, sorted by id. */
export const LINT_RULES: readonly LintRule[] = [
  ccnpSelectsNothing,
  ccnpWildcardPeer,
  dnsEgressMissing,
  emptySectionIgnored,
  hostPolicyNeedsHostFirewall,
  noAnyPort,
  noExplicitDefaultDeny,
  noHardCodedIp,
  noProfileOnPlatform,
  oneSidedFlow,
  policyNamespaceMissing,
  ruleShadowedByDeny,
  unknownAccessLabel,
  unknownProfile,
];
