import { describe, expect, test } from 'vitest';
import { noProfileOnPlatform } from '../../../src/lint/rules/no-profile-on-platform';
import { check, fields, namespace } from '../builders';

const PROFILE = 'network-policy.homelab/profile';

describe('no-profile-on-platform', () => {
  test.each([
    ['labelled platform', 'tools', { 'network-policy.homelab/platform': 'true', [PROFILE]: 'standard' }, []],
    ['well-known', 'kube-system', { [PROFILE]: 'internal' }, []],
    ['named by --platform', 'storage', { [PROFILE]: 'isolated' }, ['storage']],
  ])('reports a profile on a platform namespace %s', (_name, name, labels, platform) => {
    const findings = check(noProfileOnPlatform, [namespace(name, labels)], { platformNamespaces: platform });
    expect(fields(findings)).toEqual([`Namespace ${name} metadata.labels["${PROFILE}"]`]);
    expect(findings[0].message).toMatch(new RegExp(`platform namespace "${name}" has profile`));
  });

  test.each([
    ['an app namespace with a profile', namespace('shop', { [PROFILE]: 'standard' })],
    ['a platform namespace without a profile', namespace('monitoring', { 'network-policy.homelab/platform': 'true' })],
    ['platform label set to "false"', namespace('tools', { 'network-policy.homelab/platform': 'false', [PROFILE]: 'standard' })],
  ])('ignores %s', (_name, m) => {
    expect(check(noProfileOnPlatform, [m])).toEqual([]);
  });
});
