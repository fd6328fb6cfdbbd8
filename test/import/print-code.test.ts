import { describe, expect, test } from 'vitest';
import type { CodeValue, ImportItem } from '../../src/import/code-model';
import { jsonCode } from '../../src/import/code-model';
import { evaluateValue } from '../../src/import/evaluate-code';
import { functionName, printBody, printModule, printStatement, quote } from '../../src/import/print-code';
import { Port } from '../../src/model/port';

const obj = (entries: [string, CodeValue][]): CodeValue => ({ kind: 'object', entries });
const item = (statements: ImportItem['statements'], comment?: string): ImportItem => ({ statements, file: 'namespaces/media', covers: [], findings: [], ...(comment ? { comment } : {}) });

describe('the printer of netpol import', () => {
  test.each([
    ['plain', "'plain'"],
    ["it's", "'it\\'s'"],
    ['back\\slash', "'back\\\\slash'"],
    ['two\nlines', "'two\\nlines'"],
    ['${VAR}', "'${VAR}'"],
    ['\u2028', "'\\u2028'"],
  ])('quotes %j as a single-quoted literal that evaluates back to it', (text, printed) => {
    expect(quote(text)).toBe(printed);
    // eslint-disable-next-line no-eval
    expect((0, eval)(printed)).toBe(text);
  });

  test('keeps a short call on one line and breaks a long object, one entry per line with trailing commas', () => {
    expect(printStatement({ kind: 'call', callee: 'Port.tcp', args: [443] }, 1)).toBe('  Port.tcp(443);');
    const long = obj([['description', 'x'.repeat(80)], ['ports', [{ kind: 'call', callee: 'Port.tcp', args: [8080] }]]]);
    expect(printStatement({ kind: 'new', construct: 'CiliumPolicy', scope: 'cluster', id: 'web', props: long }, 1)).toBe([
      "  new CiliumPolicy(cluster, 'web', {",
      `    description: '${'x'.repeat(80)}',`,
      '    ports: [Port.tcp(8080)],',
      '  });',
    ].join('\n'));
  });

  test('quotes keys that are not identifiers and keeps __proto__ an own key', () => {
    const value = jsonCode({ 'k8s-app': 'dns', plain: 1, __proto__x: 2 });
    expect(printStatement({ kind: 'call', callee: 'f', args: [value] }, 0)).toBe("f({ 'k8s-app': 'dns', plain: 1, __proto__x: 2 });");
    const proto = obj([['__proto__', 'x']]);
    expect(printStatement({ kind: 'call', callee: 'f', args: [proto] }, 0)).toBe("f({ ['__proto__']: 'x' });");
    expect(Object.keys(evaluateValue(proto) as object)).toEqual(['__proto__']);
  });

  test('drops a binding nothing refers to (noUnusedLocals), keeps one a later statement uses', () => {
    const body = printBody([item([
      { kind: 'new', construct: 'DeclaredNamespace', scope: 'cluster', id: 'media', binding: 'media' },
      { kind: 'method', target: 'media', method: 'allowEgress', args: [{ kind: 'call', callee: 'Peer.world', args: [] }, [{ kind: 'ref', name: 'Port.HTTPS' }]] },
      { kind: 'new', construct: 'DeclaredNamespace', scope: 'cluster', id: 'other', binding: 'other' },
    ], 'imported: two lines\nof comment')], 'cluster');
    expect(body).toBe([
      '  // imported: two lines',
      '  // of comment',
      "  const media = new DeclaredNamespace(cluster, 'media');",
      '  media.allowEgress(Peer.world(), [Port.HTTPS]);',
      "  new DeclaredNamespace(cluster, 'other');",
    ].join('\n'));
  });

  test('fails when a statement refers to a binding its file does not make', () => {
    expect(() => printBody([item([{ kind: 'method', target: 'media', method: 'allowEgress', args: [] }])], 'cluster')).toThrow(/refers to "media"/);
  });

  test('a module imports exactly the names it uses, sorted, NetpolCluster as a type', () => {
    const text = printModule([item([{ kind: 'new', construct: 'KubernetesPolicy', scope: 'cluster', id: 'a', props: obj([['ports', [{ kind: 'call', callee: 'Port.tcp', args: [1] }]]]) }])], 'defineMedia', 'Media.', 'cdk8s-netpol');
    expect(text.split('\n')[0]).toBe("import { KubernetesPolicy, type NetpolCluster, Port } from 'cdk8s-netpol';");
    expect(text).toContain('export function defineMedia(cluster: NetpolCluster): void {');
  });

  test('function names are PascalCase of the file\'s last part', () => {
    expect(functionName('namespaces/kube-system')).toBe('defineKubeSystem');
    expect(functionName('cluster')).toBe('defineCluster');
  });

  test('the evaluator builds the values through the public API', () => {
    expect(evaluateValue({ kind: 'call', callee: 'Port.tcp', args: [5432] })).toEqual(Port.tcp(5432));
    expect(evaluateValue({ kind: 'ref', name: 'Port.HTTPS' })).toBe(Port.HTTPS);
    expect(() => evaluateValue({ kind: 'call', callee: 'fs.rmSync', args: ['/'] })).toThrow(/does not export/);
    expect(() => evaluateValue({ kind: 'call', callee: 'Port.constructor', args: [] })).toThrow(/does not export|not a function/);
  });
});
