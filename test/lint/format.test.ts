import { describe, expect, test } from 'vitest';
import type { Finding } from '../../src/lint/finding';
import { formatFindings } from '../../src/lint/format';
import { formatSarif } from '../../src/lint/format/sarif';
import { LINT_RULES } from '../../src/lint/rules';

const finding = (overrides: Partial<Finding> = {}): Finding => ({
  rule: 'no-any-port', severity: 'error', file: 'dist/shop.yaml', document: 1, object: 'CiliumNetworkPolicy shop/out',
  field: 'spec.egress[0].toPorts', message: 'egress rule allows toEntities on every port.', fix: 'Add `toPorts`.', ...overrides,
});
const lineOf = () => 12;

describe('formats', () => {
  test('text prints location, rule, message, fix and a summary', () => {
    const out = formatFindings('text', [finding(), finding({ severity: 'warning', rule: 'ccnp-selects-nothing' })], LINT_RULES, lineOf);
    expect(out).toContain('dist/shop.yaml:12 error no-any-port CiliumNetworkPolicy shop/out spec.egress[0].toPorts\n  egress rule allows toEntities on every port.\n  fix: Add `toPorts`.\n');
    expect(out.trimEnd().split('\n').pop()).toBe('1 error, 1 warning in 1 file.');
  });

  test('text says so when there is nothing to report', () => {
    expect(formatFindings('text', [], LINT_RULES, lineOf)).toBe('No findings.\n');
  });

  test('json is parseable and carries every field and the line', () => {
    const parsed = JSON.parse(formatFindings('json', [finding()], LINT_RULES, lineOf));
    expect(parsed).toEqual({ findings: [{ ...finding(), line: 12 }], suppressed: [], summary: { errors: 1, warnings: 0, suppressed: 0 } });
  });

  test('markdown escapes pipes in cells', () => {
    const out = formatFindings('markdown', [finding({ message: 'a | b' })], LINT_RULES, lineOf);
    expect(out).toContain('| error | `no-any-port` | dist/shop.yaml:12 |');
    expect(out).toContain('a \\| b');
  });

  test('sarif 2.1.0 lists every rule with help text and locates results', () => {
    const log = JSON.parse(formatSarif([finding()], LINT_RULES, lineOf));
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(LINT_RULES.map((r) => r.id));
    expect(run.tool.driver.rules.every((r: { help: { text: string } }) => r.help.text.length > 0)).toBe(true);
    const [result] = run.results;
    expect(result).toMatchObject({ ruleId: 'no-any-port', level: 'error' });
    expect(run.tool.driver.rules[result.ruleIndex].id).toBe('no-any-port');
    expect(result.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'dist/shop.yaml' }, region: { startLine: 12 } });
  });

  test('sarif omits the region when the line is unknown', () => {
    const log = JSON.parse(formatSarif([finding()], LINT_RULES, () => undefined));
    expect(log.runs[0].results[0].locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'dist/shop.yaml' } });
  });
});
