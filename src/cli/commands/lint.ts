import { formatFindings, LINT_FORMATS } from '../../lint/format';
import { lintReport } from '../../lint/linter';
import { locateFindings } from '../../lint/locate';
import { LINT_RULES } from '../../lint/rules';
import { oneOf, parseFlags } from '../args';
import type { Command } from '../command';
import { CONFIG_FILE, loadConfig } from '../config';
import { commaList, requiredList } from '../flag-values';
import { InputError } from '../input-error';
import type { CliIo } from '../io';
import { readManifestInputs } from '../manifest-input';
import { PLATFORM_CONTRACT_FLAG, readPlatformContractFlag } from '../platform-contract-flag';

const USAGE = `Usage: netpol lint [<file-or-dir>...] [--manifests <file-or-dir>...] [--platform ns,ns]
                   [--platform-contract <file>] [--format text|json|markdown|sarif] [--max-warnings <n>]
                   [--quiet] [--config <file>]

Reports anti-patterns of the zero-trust design in manifests (this library's output or
hand-written YAML): explicit default-deny on Cilium, rules allowing any port, hard-coded
IPs, namespaces without DNS egress, profiles on platform namespaces, unknown profiles and
access labels, policies for missing namespaces, allow rules shadowed by deny rules, CCNPs
that select nothing, and more (the rules below).

Options:
  <file-or-dir>, --manifests <path>
                      YAML/JSON file or directory (recursive); several, or repeat the flag;
                      - reads standard input (kustomize build . | netpol lint -)
  --platform <ns,ns>  extra platform namespaces (besides the platform label, the well-known list
                      and ${CONFIG_FILE} platformNamespaces)
  --platform-contract <file>
                      an app repo's check: the platform repo's dist/<cluster>/platform.json; its
                      baselines, profiles, services and platform namespaces count (DNS, known
                      profiles and access labels), findings on them are left to the platform repo
                      (docs/platform-contract.md)
  -o, --format <fmt>  text (default), json, markdown, or sarif (SARIF 2.1.0 for GitHub code scanning)
  --max-warnings <n>  exit 1 when there are more than n warnings (default: warnings never fail)
  -q, --quiet         report errors only
  --config <file>     settings file (default: ${CONFIG_FILE} in the working directory, if any):
                        platformNamespaces: [longhorn-system]
                        rules: {host-policy-needs-host-firewall: off, one-sided-flow: error}

Silence a rule on one object, with the reason, in an annotation (one line per rule):
  network-policy.homelab/lint-ignore: "no-hard-coded-ip: the BMC subnet has no selector"

Rules: ${LINT_RULES.map((r) => r.id).join(', ')}

Example (one cluster's folder; SARIF for github/codeql-action/upload-sarif):
  netpol lint dist/homelab --format sarif > lint.sarif
Example (an app repo, against its platform):
  netpol lint dist/homelab --platform-contract platform.json

Exit status: 0 no errors (and no more warnings than --max-warnings), 1 errors or too many
warnings, 2 bad input (also a bad ${CONFIG_FILE} or lint-ignore annotation).
`;

/** `netpol lint`: reports design anti-patterns in manifests. */
export const lintCommand: Command = {
  name: 'lint',
  summary: 'Report anti-patterns of the design in manifests',
  usage: USAGE,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseFlags('lint', args, {
      manifests: { type: 'string', multiple: true },
      platform: { type: 'string', multiple: true },
      format: { type: 'string', short: 'o' },
      'max-warnings': { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
      config: { type: 'string' },
      ...PLATFORM_CONTRACT_FLAG,
    }, true);
    const format = oneOf('format', values.format, LINT_FORMATS, 'text');
    const maxWarnings = values['max-warnings'] === undefined ? Infinity : count('max-warnings', values['max-warnings']);
    const config = loadConfig(io.cwd, values.config);
    const paths = requiredList('lint', 'manifests', [...(values.manifests ?? []), ...positionals], 'give the files or directories to lint, e.g. `netpol lint dist/homelab`');
    const contract = readPlatformContractFlag(values['platform-contract'], io.cwd);
    const manifests = await readManifestInputs(paths, io, contract ? [values['platform-contract']!] : []);
    const report = lintReport(manifests, {
      platformNamespaces: [...config.platformNamespaces, ...commaList(values.platform)], rules: config.rules,
      ...(contract ? { platformContract: { file: values['platform-contract']!, manifests: contract.manifests } } : {}),
    });
    const errors = report.findings.filter((f) => f.severity === 'error');
    const warnings = report.findings.length - errors.length;
    const shown = values.quiet ? errors : report.findings;
    io.stdout(formatFindings(format, shown, LINT_RULES, locateFindings([...shown, ...report.suppressed], io.cwd), report.suppressed));
    if (format === 'text' && warnings > maxWarnings) io.stderr(`netpol lint: ${warnings} warnings, more than --max-warnings ${maxWarnings}.\n`);
    return errors.length > 0 || warnings > maxWarnings ? 1 : 0;
  },
};

function count(flag: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new InputError(`--${flag} "${text}" is not a whole number (0 or more).`);
  return Number(text);
}
