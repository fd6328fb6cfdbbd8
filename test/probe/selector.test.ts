import { describe, expect, test } from 'vitest';
import { normalizeCiliumKey } from '../../src/probe/cilium-labels';
import { compileSelector, selectorMatches, type Selector } from '../../src/probe/selector';

function compiled(value: unknown): Selector {
  const s = compileSelector(value, 'spec.podSelector', normalizeCiliumKey, 'cilium');
  if (typeof s === 'string') throw new Error(s);
  return s;
}

const labels = { app: 'web', tier: 'front' };
const lookup = (k: string): string | undefined => (labels as Record<string, string>)[k];

describe('label selectors', () => {
  test.each([
    [{}, true],
    [null, true],
    [{ matchLabels: { app: 'web' } }, true],
    [{ matchLabels: { app: 'db' } }, false],
    [{ matchLabels: { 'k8s:app': 'web' } }, true],
    [{ matchLabels: { app: 'web', tier: 'back' } }, false],
    [{ matchExpressions: [{ key: 'app', operator: 'In', values: ['db', 'web'] }] }, true],
    [{ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] }, false],
    [{ matchExpressions: [{ key: 'missing', operator: 'NotIn', values: ['x'] }] }, true],
    [{ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, true],
    [{ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, false],
    [{ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['back'] }] }, false],
  ])('%j matches {app: web, tier: front}: %s', (value, expected) => {
    expect(selectorMatches(compiled(value), lookup)).toBe(expected);
  });

  test.each([
    [{ matchExpressions: [{ key: 'a', operator: 'Equals', values: ['x'] }] }, /matchExpressions\[0\]\.operator: "Equals" is not one of In, NotIn, Exists, DoesNotExist/],
    [{ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }, /In needs at least one value/],
    [{ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }, /Exists takes no values; remove them/],
    [{ matchLabels: { a: 1 } }, /matchLabels\.a: expected a string, got 1; quote it/],
    [{ matchLabel: { a: 'b' } }, /spec\.podSelector\.matchLabel: unknown field/],
  ])('fails when the selector is %j', (value, message) => {
    expect(compileSelector(value, 'spec.podSelector')).toMatch(message);
  });
});
