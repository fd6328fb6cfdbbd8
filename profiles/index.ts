import { Profile, type NetpolCluster } from '../src';

/**
 * The homelab's profiles: the four of the design table, exactly as the library builds them.
 * A profile of our own would go here too (new Profile(cluster, 'batch', { egress: [...] })).
 *
 * | profile         | ingress                     | egress        |
 * |-----------------|-----------------------------|---------------|
 * | isolated        | none                        | DNS           |
 * | internal        | internal gateway            | DNS           |
 * | internal-egress | internal gateway            | DNS + HTTPS   |
 * | standard        | internal + external gateway | DNS + HTTPS   |
 *
 * @param cluster the cluster to add them to
 */
export function addProfiles(cluster: NetpolCluster): Profile[] {
  return [
    Profile.isolated(cluster),
    Profile.internal(cluster),
    Profile.internalEgress(cluster),
    Profile.standard(cluster),
  ];
}
