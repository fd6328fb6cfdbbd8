import { formatFindings, LINT_FORMATS } from '../../lint/format';
import { lint } from '../../lint/linter';
import { locateFindings } from '../../lint/locate';
import { LINT_RULES } from '../../lint/rules';
import { loadManifests } from '../../manifests/load';
import { oneOf, parseFlags } from '../args';
import type { Command } from '../command';
import { commaList, requiredList } from '../flag-values';
import type { CliIo } from '../io';

const USAGE = `Usage: netpol lint --manifests <file-or-dir>... [--platform ns,ns] [--format text|json|markdown|sarif]

Reports anti-patterns of the zero-trust design in manifests (this library's output or
hand-written YAML): explicit default-deny on Cilium, rules allowing any port, hard-coded
IPs, namespaces without DNS egress, profiles on platform namespaces, unknown profiles and
access labels, policies for missing namespaces, allow rules shadowed by deny rules, CCNPs
that select nothing.

Options:
  --manifests <path>  YAML/JSON file or directory (recursive); repeatable
  --platform <ns,ns>  extra platform namespaces (besides the platform label and the well-known list)
  --format <format>   text (default), json, markdown, or sarif (SARIF 2.1.0 for GitHub code scanning)

Rules: ${LINT_RULES.map((r) => r.id).join(', ')}

Example (one cluster's folder; SARIF for github/codeql-action/upload-sarif):
  netpol lint --manifests dist/homelab --format sarif > lint.sarif

Exit status: 0 no findings, 1 findings, 2 bad input.
`;

/** `netpol lint`: reports design anti-patterns in manifests. */
export const lintCommand: Command = {
  name: 'lint',
  summary: 'Report anti-patterns of the design in manifests',
  usage: USAGE,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const { values } = parseFlags('lint', args, {
      manifests: { type: 'string', multiple: true },
      platform: { type: 'string', multiple: true },
      format: { type: 'string' },
    });
    const format = oneOf('format', values.format, LINT_FORMATS, 'text');
    const manifests = loadManifests(requiredList('lint', 'manifests', values.manifests, 'give the files or directories to lint'), io.cwd);
    const findings = lint(manifests, { platformNamespaces: commaList(values.platform) });
    io.stdout(formatFindings(format, findings, LINT_RULES, locateFindings(findings, io.cwd)));
    return findings.length > 0 ? 1 : 0;
  },
};
