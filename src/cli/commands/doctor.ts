import { diagnose } from '../../doctor/diagnose';
import { DOCTOR_FORMATS, formatDoctorReport } from '../../doctor/format';
import { parseHubbleFlows } from '../../doctor/hubble-flow';
import { findPlatformSources } from '../../doctor/platform-sources';
import { InputError } from '../input-error';
import { readManifestInputs } from '../manifest-input';
import { readInputFile } from '../../manifests/read-file';
import { loadTopology } from '../../probe';
import { oneOf, parseFlags } from '../args';
import type { Command } from '../command';
import { CONFIG_FILE, loadConfig } from '../config';
import { commaList, requiredList } from '../flag-values';
import type { CliIo } from '../io';

const USAGE = `Usage: netpol doctor [--flows <file>|-] --manifests <file-or-dir>... [--topology <file>] [--platform ns,ns] [--format text|json|markdown]

Explains Hubble policy drops against the manifests of this repo and prints the change to make:
the access label to add, the profile to switch to, the baseline to deploy, or the construct
call to add to a platform namespace. Each fix is checked with the flow simulator; drops are
grouped by fix and counted. Forwarded flows the manifests would now drop are reported as
regressions.

Options:
  --flows <file>      \`hubble observe -o json\` output, one flow per line; - (default) reads stdin
  --manifests <path>  YAML/JSON file or directory (recursive); repeatable
  --topology <file>   pods, namespaces and externals the flows do not show (the netpol probe format)
  --platform <ns,ns>  extra platform namespaces (besides the platform label, the well-known list
                      and ${CONFIG_FILE} platformNamespaces)
  --config <file>     settings file (default: ${CONFIG_FILE} in the working directory, if any)
  -o, --format <fmt>  text (default), json or markdown

Example:
  hubble observe --since 1h -o json | netpol doctor --manifests dist/homelab   # drops and regressions

Exit status: 0 nothing to fix, 1 policy drops to fix or regressions, 2 bad input.
`;

/** `netpol doctor`: explains Hubble policy drops and proposes fixes in this repo. */
export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'Explain Hubble policy drops and print the fix to make in this repo',
  usage: USAGE,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseFlags('doctor', args, {
      flows: { type: 'string' },
      manifests: { type: 'string', multiple: true },
      topology: { type: 'string' },
      platform: { type: 'string', multiple: true },
      format: { type: 'string', short: 'o' },
      config: { type: 'string' },
    }, true);
    const config = loadConfig(io.cwd, values.config);
    const format = oneOf('format', values.format, DOCTOR_FORMATS, 'text');
    const paths = requiredList('doctor', 'manifests', [...(values.manifests ?? []), ...positionals], 'give the manifests the cluster should run');
    const source = values.flows ?? '-';
    if (source === '-' && paths.includes('-')) throw new InputError('standard input holds the flows (--flows -, the default); give the manifests as files, or the flows with --flows <file>.');
    const manifests = await readManifestInputs(paths, io);
    const topology = values.topology ? loadTopology(values.topology, io.cwd) : undefined;
    const text = source === '-' ? await io.readStdin() : readFlows(source, io.cwd);
    const flows = parseHubbleFlows(text, source === '-' ? '<stdin>' : source);
    const report = diagnose(flows, manifests, { topology, platformNamespaces: [...config.platformNamespaces, ...commaList(values.platform)], platformSources: findPlatformSources(io.cwd) });
    io.stdout(formatDoctorReport(format, report));
    return report.drops.length > 0 || report.regressions.length > 0 ? 1 : 0;
  },
};

function readFlows(file: string, cwd: string): string {
  return readInputFile(file, cwd, `--flows ${file}`);
}
