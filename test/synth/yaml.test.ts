import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { canonicalJson, joinDocuments, manifestToYaml } from '../../src';

const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.constantFrom('true', 'no', 'null', '~', '53', '1e3', '0x10', '- a', 'a: b', 'a #b', ' lead', 'trail ', '{{ $labels.x }}', '*.github.com', "it's", '', '"q"'),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('io.cilium.k8s.namespace.labels.a/b', 'yes', '1')), tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('manifestToYaml', () => {
  test('the yaml package reads back exactly the input, for any JSON value', () => {
    fc.assert(fc.property(fc.dictionary(fc.string(), json, { maxKeys: 5 }), (value) => {
      expect(parse(manifestToYaml(value))).toEqual(canonicalJson(value));
    }), { numRuns: 400 });
  });

  test('writes manifests in kubectl order with sorted keys and comments above nodes', () => {
    const text = manifestToYaml(
      { spec: { z: 1, a: [{ b: 'x', a: 'first' }] }, metadata: { name: 'web' }, kind: 'K', apiVersion: 'v1' },
      new Map([['', 'header'], ['spec.a.0', 'first rule']]),
    );
    expect(text).toBe([
      '# header',
      'apiVersion: v1',
      'kind: K',
      'metadata:',
      '  name: web',
      'spec:',
      '  a:',
      '    # first rule',
      '    - a: first',
      '      b: x',
      '  z: 1',
      '',
    ].join('\n'));
  });

  test('quotes what YAML would misread', () => {
    expect(manifestToYaml({ a: 'true', b: '5432', c: 'yes', d: 'plain text' })).toBe('a: "true"\nb: "5432"\nc: "yes"\nd: plain text\n');
  });

  test('writes empty maps and lists inline', () => {
    expect(manifestToYaml({ endpointSelector: {}, ports: [] })).toBe('endpointSelector: {}\nports: []\n');
  });
});

describe('joinDocuments', () => {
  test('separates documents and ends with exactly one newline', () => {
    expect(joinDocuments(['a: 1\n', 'b: 2\n\n'])).toBe('a: 1\n---\nb: 2\n');
  });
});
