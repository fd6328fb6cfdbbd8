import { AMBIENT_PROBE_SOURCE } from '../model/cidr';
import { Peer } from '../model/peer';
import { Port } from '../model/port';
import { allowRule, type Rule } from '../model/rule';
import type { ResolvedSettings } from './cluster-settings';

/**
 * The rules every endpoint needs, shared by the cluster baselines (for every endpoint) and the
 * platform template (repeated in each platform namespace's own policy). One definition, so the
 * two never drift apart.
 */

/**
 * Ingress from Cilium's health checks and, optionally, from Istio ambient's kubelet probe source,
 * on every port (probes target whatever port each pod names).
 *
 * @param ambientProbes whether to admit 169.254.7.127/32
 */
export function healthRules(ambientProbes: boolean): Rule[] {
  const rules: Rule[] = [{ peer: Peer.health(), ports: [], description: 'ingress from Cilium health checks', anyPortReason: 'health checks probe whatever port the endpoint serves' }];
  if (ambientProbes) {
    rules.push({
      peer: Peer.cidr(AMBIENT_PROBE_SOURCE, { reason: 'the fixed source Istio ambient gives kubelet probes' }),
      ports: [], description: 'ingress from kubelet probes under Istio ambient', anyPortReason: 'kubelet probes target whatever port each pod names',
    });
  }
  return rules;
}

/**
 * Egress to the cluster DNS on udp/53 and tcp/53, through Cilium's DNS proxy (`rules.dns`), which
 * is what makes `toFQDNs` rules learn addresses.
 *
 * @param settings the cluster's settings (its DNS server)
 * @param where the construct path, for errors
 */
export function dnsEgressRule(settings: ResolvedSettings, where: string): Rule {
  return { ...allowRule('egress', settings.dnsServer, [Port.DNS_UDP, Port.DNS_TCP], where, { description: 'egress to the cluster DNS, through the DNS proxy' }), dnsInspection: true };
}

/**
 * Ingress from Prometheus on the metrics ports.
 *
 * @param settings the cluster's settings (Prometheus and the metrics ports)
 * @param where the construct path, for errors
 */
export function scrapeIngressRule(settings: ResolvedSettings, where: string): Rule {
  return allowRule('ingress', settings.prometheus, settings.metricsPorts, where, { description: 'ingress from Prometheus on the metrics ports' });
}
