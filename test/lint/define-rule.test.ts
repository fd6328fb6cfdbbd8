import { describe, expect, test } from 'vitest';
import { defineRule } from '../../src/lint/define-rule';
import type { Severity } from '../../src/lint/finding';
import { check, namespace } from './builders';

/** A rule reporting every Namespace, with the severity override given. */
function everyNamespace(override?: Severity) {
  return defineRule({
    id: 'every-namespace',
    severity: 'error',
    summary: 'Every namespace.',
    help: 'None.',
    check(context, report) {
      for (const manifest of context.namespaces) report(manifest, { field: 'metadata.name', message: 'seen.', fix: 'none.', ...(override ? { severity: override } : {}) });
    },
  });
}

describe('defineRule', () => {
  test('findings carry the rule id, its severity and the reported object', () => {
    const findings = check(everyNamespace(), [namespace('shop'), namespace('wiki')]);
    expect(findings.map((f) => [f.rule, f.severity, f.object, f.field])).toEqual([
      ['every-namespace', 'error', 'Namespace shop', 'metadata.name'],
      ['every-namespace', 'error', 'Namespace wiki', 'metadata.name'],
    ]);
  });

  test('a finding may override the rule severity', () => {
    expect(check(everyNamespace('warning'), [namespace('shop')]).map((f) => f.severity)).toEqual(['warning']);
  });

  test('keeps the metadata and starts each run with no findings', () => {
    const rule = everyNamespace();
    expect([rule.id, rule.summary, rule.help]).toEqual(['every-namespace', 'Every namespace.', 'None.']);
    check(rule, [namespace('shop')]);
    expect(check(rule, [])).toEqual([]);
  });
});
