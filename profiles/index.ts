import { Profile, type BuiltinProfileOptions, type NetpolCluster } from '../src';

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
 * @param options what internet egress means in this cluster
 * @default options - HTTPS to the `world` entity
 */
export function addProfiles(cluster: NetpolCluster, options: BuiltinProfileOptions = {}): Profile[] {
  return [
    Profile.isolated(cluster),
    Profile.internal(cluster),
    Profile.internalEgress(cluster, options),
    Profile.standard(cluster, options),
  ];
}
