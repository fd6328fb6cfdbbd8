import { expect, test } from 'vitest';
import { namespaceFacts } from '../../src/docs/namespace-facts';

test.each([
  ['an app namespace with a profile and access labels', 'shop',
    { 'network-policy.homelab/profile': 'standard', 'access.network-policy.homelab/redis': 'true', 'access.network-policy.homelab/postgres': 'true', 'access.network-policy.homelab/s3': 'false' },
    { profile: 'standard', access: ['postgres', 'redis'], enforcementDisabled: false, platform: false }],
  ['a namespace with the escape hatch on', 'legacy', { 'network-policy.homelab/enforcement': 'disabled' },
    { access: [], enforcementDisabled: true, platform: false }],
  ['a namespace labelled platform', 'storage', { 'network-policy.homelab/platform': 'true' },
    { access: [], enforcementDisabled: false, platform: true }],
  ['a well-known platform namespace without the label', 'kube-system', {},
    { access: [], enforcementDisabled: false, platform: true }],
])('reads %s', (_what, name, labels, expected) => {
  expect(namespaceFacts(name, labels)).toEqual({ name, ...expected });
});
