import type { Finding } from '../finding';
import type { LineOf } from '../locate';
import type { LintRule } from '../lint-rule';
import type { SuppressedFinding } from '../suppression';

/**
 * Renders findings as SARIF 2.1.0 for GitHub code scanning: one run of the `netpol lint`
 * tool, every rule as a reporting descriptor (help text = how to fix), every finding as a
 * result located at its file and, when known, the line its object starts at.
 * See docs.github.com "SARIF support for code scanning" for the fields GitHub reads.
 *
 * @param findings the findings, in canonical order
 * @param rules every rule that ran
 * Findings a lint-ignore annotation silences are results too, with an `inSource` suppression whose
 * justification is the annotation's reason (SARIF 2.1.0 §3.27.23), so code scanning shows them as
 * dismissed.
 *
 * @param lineOf the object's line, when known
 * @param suppressed the findings lint-ignore annotations silenced
 */
export function formatSarif(findings: readonly Finding[], rules: readonly LintRule[], lineOf: LineOf = () => undefined,
  suppressed: readonly SuppressedFinding[] = []): string {
  const ids = rules.map((r) => r.id);
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'netpol lint',
          informationUri: 'https://github.com/cdk8s-netpol/cdk8s-netpol#netpol-lint',
          rules: rules.map((r) => ({
            id: r.id,
            name: r.id,
            shortDescription: { text: r.summary },
            fullDescription: { text: r.summary },
            help: { text: r.help },
            defaultConfiguration: { level: r.severity },
          })),
        },
      },
      results: [...findings, ...suppressed].map((f) => {
        const line = lineOf(f);
        return {
          ruleId: f.rule,
          ruleIndex: ids.indexOf(f.rule),
          level: f.severity,
          message: { text: `${f.object} ${f.field}: ${f.message} Fix: ${f.fix}` },
          locations: [{
            physicalLocation: {
              artifactLocation: { uri: f.file.split('\\').join('/') },
              ...(line ? { region: { startLine: line } } : {}),
            },
            logicalLocations: [{ name: f.field, fullyQualifiedName: `${f.object} ${f.field}` }],
          }],
          ...('reason' in f ? { suppressions: [{ kind: 'inSource', justification: (f as SuppressedFinding).reason }] } : {}),
        };
      }),
    }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
