import { describe, expect, test } from 'vitest';
import { fluxCidrStandIn, fluxDnsStandIn, fluxPortStandIn, fluxSyntaxStandIn, hasFluxExpression } from '../../src/model/flux-substitution';

describe('Flux substitution stand-ins', () => {
  test('finds expressions, not the $${name} escape', () => {
    expect(hasFluxExpression('${IP_ROUTER}/32')).toBe(true);
    expect(hasFluxExpression('*.${DNS_MAIN:=example.com}')).toBe(true);
    expect(hasFluxExpression('$${IP}')).toBe(false);
    expect(hasFluxExpression('${1bad}')).toBe(false);
    expect(hasFluxExpression(80)).toBe(false);
  });

  test('a CIDR stands for its defaults, else for one documentation address chosen by the text', () => {
    expect(fluxCidrStandIn('${IP_ROUTER_VLAN_K8S:=127.0.0.1}/32')).toBe('127.0.0.1/32');
    expect(fluxCidrStandIn('${NET:-10.0.0.0}/${BITS:=8}')).toBe('10.0.0.0/8');
    const a = fluxCidrStandIn('${IP_ROUTER_LAN}/32');
    expect(a).toMatch(/^(192\.0\.2|198\.51\.100|203\.0\.113)\.\d+\/32$/);
    expect(fluxCidrStandIn('${IP_ROUTER_LAN}/32')).toBe(a);
    expect(fluxCidrStandIn('${IP_ROUTER_LAN_CIDR}')).not.toBe(a);
  });

  test('a port stands for its default, else for a dynamic port chosen by the text', () => {
    expect(fluxPortStandIn('${VPN_PORT:=51820}')).toBe('51820');
    const port = Number(fluxPortStandIn('${VPN_PORT}'));
    expect(port).toBeGreaterThanOrEqual(49152);
    expect(port).toBeLessThanOrEqual(65535);
    expect(fluxPortStandIn('${VPN_PORT}')).toBe(String(port));
  });

  test('DNS names take the variable name in lower case; names and labels x', () => {
    expect(fluxDnsStandIn('*.${DNS_MAIN}')).toBe('*.dns_main');
    expect(fluxDnsStandIn('git.${CLUSTER_DOMAIN:=example.org}')).toBe('git.example.org');
    expect(fluxSyntaxStandIn('apps-to-pg-${PG_APP_NAME}')).toBe('apps-to-pg-x');
    expect(fluxSyntaxStandIn('plain')).toBe('plain');
  });
});
