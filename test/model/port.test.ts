import { describe, expect, test } from 'vitest';
import { Port , assertValid } from '../../src';

describe('Port', () => {
  test.each([
    [Port.tcp(5432), 'tcp/5432'],
    [Port.udp(53), 'udp/53'],
    [Port.sctp(9), 'sctp/9'],
    [Port.tcpRange(8000, 8100), 'tcp/8000-8100'],
    [Port.udpRange(10, 10), 'udp/10'],
  ])('%s reads %s', (port, text) => {
    expect(port.toString()).toBe(text);
  });

  test('well-known ports', () => {
    expect([Port.DNS_UDP, Port.DNS_TCP, Port.HTTPS, Port.HBONE, Port.POSTGRES, Port.REDIS, Port.GARAGE_S3, Port.KUBE_API].map(String))
      .toEqual(['udp/53', 'tcp/53', 'tcp/443', 'tcp/15008', 'tcp/5432', 'tcp/6379', 'tcp/3900', 'tcp/6443']);
  });

  test.each([0, 65536, 1.5, Number.NaN])('fails when the port is %s', (value) => {
    expect(() => assertValid(Port.tcp(value))).toThrow(/ports are whole numbers from 1 to 65535/);
  });

  test('fails when a range ends before it starts, suggesting the swap', () => {
    expect(() => assertValid(Port.tcpRange(9000, 8000))).toThrow(/Did you mean 8000-9000\?/);
  });

  test('covers: a range covers its ports, protocols never mix', () => {
    expect(Port.tcpRange(8000, 8100).covers(Port.tcp(8080))).toBe(true);
    expect(Port.tcp(8080).covers(Port.tcpRange(8000, 8100))).toBe(false);
    expect(Port.udp(53).covers(Port.tcp(53))).toBe(false);
  });

  test('compare orders by protocol, then port', () => {
    expect([Port.udp(53), Port.tcp(443), Port.tcp(53)].sort(Port.compare).map(String)).toEqual(['tcp/53', 'tcp/443', 'udp/53']);
  });
});
