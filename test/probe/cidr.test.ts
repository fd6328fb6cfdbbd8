import { describe, expect, test } from 'vitest';
import { cidrContains, parseCidr, parseIp, type Cidr } from '../../src/probe/cidr';

function block(text: string): Cidr {
  const c = parseCidr(text);
  if (typeof c === 'string') throw new Error(c);
  return c;
}

describe('CIDR matching', () => {
  test.each([
    ['10.0.0.0/8', '10.1.2.3', true],
    ['10.0.0.0/8', '11.0.0.1', false],
    ['10.0.1.5/32', '10.0.1.5', true],
    ['0.0.0.0/0', '140.82.112.3', true],
    ['192.168.1.0/24', '192.168.2.1', false],
    ['fd00::/8', 'fd12::1', true],
    ['fd00::/8', '10.0.0.1', false],
    ['2001:db8::/32', '2001:db9::1', false],
  ])('%s contains %s: %s', (cidr, ip, expected) => {
    expect(cidrContains(block(cidr), parseIp(ip)!)).toBe(expected);
  });

  test('clears host bits of the network address', () => {
    expect(cidrContains(block('10.0.1.7/24'), parseIp('10.0.1.200')!)).toBe(true);
  });

  test.each([
    ['10.0.0.1', /has no mask\. Did you mean "10\.0\.0\.1\/32"\?/],
    ['10.0.0.0/33', /invalid mask; use 0-32/],
    ['300.0.0.0/8', /is not a CIDR block/],
    ['fd00::/129', /invalid mask; use 0-128/],
  ])('fails when the block is %s', (text, message) => {
    expect(parseCidr(text)).toMatch(message);
  });

  test.each(['10.0.0', '1.2.3.4.5', 'fd00:::1', 'hello'])('rejects the address %s', (text) => {
    expect(parseIp(text)).toBeUndefined();
  });
});
