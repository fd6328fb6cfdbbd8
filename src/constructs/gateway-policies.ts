import { LabelSelector } from '../model/label-selector';
import { NAMESPACE_NAME_LABEL, PROFILE_LABEL } from '../model/labels';
import { NamespaceBase } from './namespace-base';
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
  const byProfile = new Map(cluster.sourcesOf(Profile).map((p) => [p.profileName, p]));
  const overrides = cluster.sourcesOf(NamespaceBase).flatMap((n) => {
    const own = n.appPortsOverride();
    return own ? [{ namespace: n.namespaceName, ...own }] : [];
  });
  return [...profilesByGateway.entries()].sort(([a], [b]) => compareText(a, b)).map(([gateway, profiles]) => {
    const where = `${cluster.node.path}/gateway-${gateway}`;
    const egress = profiles.flatMap((p) => {
      const own = byProfile.get(p)?.ownAppPortNamespaces(cluster) ?? [];
      // Namespaces with their own appPorts are reached on those instead of the cluster's.
      const namespaces = own.length === 0 ? Peer.namespacesLabelled({ [PROFILE_LABEL]: p })
        : Peer.namespacesMatching(LabelSelector.of({ matchLabels: { [PROFILE_LABEL]: p }, matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: 'NotIn', values: own }] }));
      return [
        allowRule('egress', namespaces, appPorts, where, { description: `egress to namespaces of profile ${p} on the application ports` }),
        ...overrides.filter((o) => o.profile === p).map((o) => allowRule('egress', Peer.namespace(o.namespace), o.ports, where, {
          description: `egress to namespace ${o.namespace} (profile ${p}) on its own application ports (appPorts)`,
        })),
      ];
    });
    return {
      name: `gateway-${gateway}`,
      subject: subjectOf(gateways[gateway], where),
      ingress: [],
      egress: canonicalRules(egress),
      description: `The ${gateway} gateway reaches namespaces of profiles ${profiles.sort().join(', ')}.`,
      group: 'profiles',
      constructPath: where,
    };
  });
}
