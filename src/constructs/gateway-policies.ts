import { PROFILE_LABEL } from '../model/labels';
import { Peer } from '../model/peer';
import type { PolicyIntent } from '../model/policy';
import { allowRule, canonicalRules } from '../model/rule';
import { subjectOf } from '../model/subject';
import type { NetpolCluster } from './netpol-cluster';
import { Profile } from './profile';
import { compareText } from '../model/compare';

/**
 * The gateway side of the profiles: for each gateway some profile admits, a cluster-wide
 * policy letting the gateway pods reach the namespaces of those profiles on the application
 * ports. Without it the gateway's own egress stays default-deny and the profile's ingress rule
 * is never exercised.
 *
 * @param cluster the cluster whose profiles to read
 */
export function gatewayPolicies(cluster: NetpolCluster): PolicyIntent[] {
  const profilesByGateway = new Map<string, string[]>();
  for (const profile of cluster.sourcesOf(Profile)) {
    for (const gateway of profile.gateways) {
      profilesByGateway.set(gateway, [...(profilesByGateway.get(gateway) ?? []), profile.profileName]);
    }
  }
  const { gateways, appPorts } = cluster.settings;
  return [...profilesByGateway.entries()].sort(([a], [b]) => compareText(a, b)).map(([gateway, profiles]) => {
    const where = `${cluster.node.path}/gateway-${gateway}`;
    return {
      name: `gateway-${gateway}`,
      subject: subjectOf(gateways[gateway], where),
      ingress: [],
      egress: canonicalRules(profiles.map((p) => allowRule('egress', Peer.namespacesLabelled({ [PROFILE_LABEL]: p }), appPorts, where, {
        description: `egress to namespaces of profile ${p} on the application ports`,
      }))),
      description: `The ${gateway} gateway reaches namespaces of profiles ${profiles.sort().join(', ')}.`,
      group: 'profiles',
      constructPath: where,
    };
  });
}
