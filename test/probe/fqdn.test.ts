import { describe, expect, test } from 'vitest';
import { compileFqdnSelector, type FqdnSelector } from '../../src/probe/fqdn';

function selector(value: unknown): FqdnSelector {
  const s = compileFqdnSelector(value, 'egress[0].toFQDNs[0]');
  if (typeof s === 'string') throw new Error(s);
  return s;
}

describe('toFQDNs selectors', () => {
  test.each<[object, string, boolean]>([
    [{ matchName: 'api.github.com' }, 'api.github.com', true],
    [{ matchName: 'API.GitHub.com.' }, 'api.github.com', true],
    [{ matchName: 'github.com' }, 'api.github.com', false],
    [{ matchPattern: '*' }, 'anything.example.org', true],
    [{ matchPattern: '*.github.com' }, 'api.github.com', true],
    [{ matchPattern: '*.github.com' }, 'a.b.github.com', false],
    [{ matchPattern: '*.github.com' }, 'github.com', false],
    [{ matchPattern: 'api*.github.com' }, 'api-v2.github.com', true],
    [{ matchPattern: '*.github.com' }, 'api.githubxcom', false],
    [{ matchPattern: '**.cilium.io' }, 'app.cilium.io', true],
    [{ matchPattern: '**.cilium.io' }, 'test.app.cilium.io', true],
    [{ matchPattern: '**.cilium.io' }, 'cilium.io', false],
    [{ matchPattern: '**.*.cilium.io' }, 'a.b.cilium.io', true],
    // pkg/fqdn/matchpattern isDNSWildcard (matchpattern.go; TestMatchPatternSanitize keeps `*.` as a
    // wildcard): stars only, with or without the trailing dot, match every name, any depth.
    ...['*', '**', '***', '*.', '**.', '***.'].flatMap((pattern) => [
      [{ matchPattern: pattern }, 'io', true],
      [{ matchPattern: pattern }, 'api.github.com', true],
      [{ matchPattern: pattern }, 'service.namespace.svc.cluster.local', true],
      [{ matchPattern: pattern }, '_foobar._tcp.cilium.io', true],
    ] as [object, string, boolean][]),
    // TestAnchoredMatchPatternMatching: `*.ci*.io` and SRV-style labels.
    [{ matchPattern: '*.ci*.io.' }, 'anysub.ciliumandmore.io', true],
    [{ matchPattern: '*.ci*.io.' }, 'cilium.io', false],
    [{ matchPattern: '*.*.cilium.io.' }, '_foobar._tcp.cilium.io', true],
    [{ matchPattern: '**' }, 'a.b.c.d.e', true],
    [{ matchPattern: '**a' }, 'a.b', false],
  ])('%j matches %s: %s', (value, name, expected) => {
    expect(selector(value).test(name)).toBe(expected);
  });

  test.each([
    [{}, /set exactly one of matchName and matchPattern/],
    [{ matchName: 'a.com', matchPattern: '*.a.com' }, /set exactly one/],
    [{ matchName: 'a com' }, /matchName: "a com" is not a DNS name/],
  ])('fails when the entry is %j', (value, message) => {
    expect(compileFqdnSelector(value, 'egress[0].toFQDNs[0]')).toMatch(message);
  });
});
