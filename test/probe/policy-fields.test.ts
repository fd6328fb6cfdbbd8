import { describe, expect, test } from 'vitest';
import { asObject, cidrField, selectorField, type Fail } from '../../src/probe/policy-fields';

const fail: Fail = (message) => { throw new Error(message); };

describe('policy fields', () => {
  test('reads a mapping, a CIDR block and a selector', () => {
    expect(asObject({ a: 1 }, 'spec', fail)).toEqual({ a: 1 });
    expect(cidrField('10.1.2.3/8', 'spec.cidr', fail)).toMatchObject({ family: 4, prefix: 8, text: '10.1.2.3/8' });
    expect(selectorField({ matchLabels: { 'k8s:app': 'web' } }, 'spec.endpointSelector', fail, (k) => k.replace(/^k8s:/, ''), 'cilium').requirements)
      .toEqual([{ key: 'app', operator: 'In', values: ['web'] }]);
  });

  test.each([
    [() => asObject([], 'spec', fail), 'spec: expected a mapping, got []'],
    [() => cidrField(undefined, 'spec.ipBlock.cidr', fail), 'spec.ipBlock.cidr: missing; expected a CIDR block such as 10.0.0.0/8'],
    [() => cidrField(10, 'spec.toCIDR[0]', fail), 'spec.toCIDR[0]: expected a CIDR block such as 10.0.0.0/8, got 10'],
    [() => cidrField('10.0.0.1', 'spec.toCIDR[0]', fail), 'spec.toCIDR[0]: "10.0.0.1" has no mask. Did you mean "10.0.0.1/32"?'],
    [() => selectorField({ matchLabel: {} }, 'spec.podSelector', fail), 'spec.podSelector.matchLabel: unknown field; a label selector has matchLabels and matchExpressions'],
  ])('fails naming the field (case %#)', (read, message) => {
    expect(read).toThrow(message);
  });
});
