import { oneOf, parseFlags } from '../args';
import type { Command } from '../command';
import { InputError } from '../input-error';
import type { CliIo } from '../io';
import { readManifestInputs } from '../manifest-input';
import { PLATFORM_CONTRACT_FLAG, readPlatformContractFlag } from '../platform-contract-flag';
import { refuseDuplicateObjects } from '../../manifests/duplicates';
import type { Manifest } from '../../manifests/manifest';
import { parsePortProtocol, protocolFlag } from '../flag-values';
import { CNIS, type Protocol } from '../../probe/flow';
import { loadProbes, type Probe } from '../../probe/probe-file';
import type { Reachability } from '../../probe/reachability';
import { Simulator } from '../../probe/simulator';
import { loadTopology } from '../../probe/topology-file';
import type { Topology } from '../../probe/topology';
import { representativeTopology } from '../../flows/representative-topology';
import type { DirectionVerdict, FlowVerdict } from '../../probe/verdict';
import { verdictJson } from '../../probe/verdict-json';

const USAGE = `Usage: netpol probe --manifests <file-or-dir>... [--topology <file>] --probes <file>
                    [--platform-contract <file>] [--cni cilium|kubernetes|none] [-o, --format table|json]
       netpol probe --manifests <file-or-dir>... [--topology <file>] --matrix <port>[/<proto>] [--protocol TCP|UDP|SCTP]

Decides, without a cluster, whether each probed connection would be allowed
(contract: the flow-probe spec). A connection is allowed when the source's
egress and the destination's ingress both allow it.

Options:
  --manifests <path>   manifest files or directories (YAML/JSON, read recursively); repeat
                       the flag or list several paths after one (bare arguments); - is stdin
  --topology <file>    namespaces, pods (labels, ip, ports) and externals (docs/topology.md);
                       without it, representative pods built from the manifests stand in
                       (a note on stderr names them, e.g. kube-system/kube-dns)
  --probes <file>      probes: [{from, to, port, protocol, expect}]
  --platform-contract <file>
                       an app repo's check: the platform repo's dist/<cluster>/platform.json;
                       its baselines, profiles, shared services and platform namespaces are
                       simulated with the manifests (docs/platform-contract.md)
  --cni <name>         cilium (default): NetworkPolicy + CNP + CCNP; kubernetes: NetworkPolicy
                       only; none: nothing enforced
  -o, --format <fmt>   table (default) or json (one object per probe and line)
  --matrix <port>      (5432, 5432/tcp) print the pod-to-pod truth table for one port instead of probes
                       (rows: from, columns: to; "." allowed, "X" denied; with --format json
                       one object {port, protocol, pods, rows})
  --protocol <proto>   the protocol of --matrix (default TCP; any case)
  -q, --quiet          print only the probes that did not meet their expect (and the summary)

Exit status: 0 every probe met its expect; 1 at least one did not; 2 bad input.
`;

/** `netpol probe`: decides flows against manifests and a topology. */
export const probeCommand: Command = {
  name: 'probe',
  summary: 'Decide whether connections would be allowed (flow simulator)',
  usage: USAGE,
  run: (args, io) => runProbe(args, io),
};

/** The flags `probe` and `explain` share: what `loadSimulator` reads. */
export const SIMULATOR_FLAGS = {
  manifests: { type: 'string', multiple: true },
  topology: { type: 'string' },
  cni: { type: 'string' },
  ...PLATFORM_CONTRACT_FLAG,
} as const;

/** The values of `SIMULATOR_FLAGS` as `parseFlags` returns them. */
export interface SimulatorFlagValues {
  /**
   * `--manifests`, one entry per flag.
   *
   * @default - none: the paths come from bare arguments, or `loadSimulator` fails
   */
  readonly manifests?: string[];
  /**
   * `--topology`.
   *
   * @default - representative pods built from the manifests (`representativeTopology`)
   */
  readonly topology?: string;
  /**
   * `--cni`.
   *
   * @default - `cilium`
   */
  readonly cni?: string;
  /**
   * `--platform-contract`: the platform's objects join the manifests.
   *
   * @default - none: the manifests are the whole cluster
   */
  readonly 'platform-contract'?: string;
}

/** A simulator built from the flags, and what it stood in for. */
export interface LoadedSimulator {
  /** The simulator. */
  readonly simulator: Simulator;
  /** Notes for the user: representative pods stood in for a missing `--topology`. */
  readonly notes: readonly string[];
}

/**
 * Reads `--manifests`, `--topology` and `--cni` and builds the simulator, for `probe` and `explain`.
 * Without `--topology`, each namespace gets representative pods built from the manifests
 * (`representativeTopology`, as `netpol docs`), and a note names them.
 *
 * The topology file, and `notManifests` (the probe file), are skipped when a manifest directory
 * holds them, so one folder can keep manifests, topology and probes together.
 *
 * @param values the flag values
 * @param morePaths further manifest paths (bare arguments)
 * @param io the working directory and standard input (the path `-`)
 * @param notManifests other files of the command that are not manifests
 * @throws InputError when a flag is missing or invalid, or a file cannot be read or is invalid
 */
export async function loadSimulator(values: SimulatorFlagValues, morePaths: readonly string[], io: CliIo, notManifests: readonly string[] = []): Promise<LoadedSimulator> {
  const cni = oneOf('cni', values.cni, CNIS, 'cilium');
  const paths = [...(values.manifests ?? []), ...morePaths];
  if (paths.length === 0) throw new InputError('--manifests is required: give the manifest files or directories to check.');
  const cwd = io.cwd;
  const contractFile = values['platform-contract'];
  const contract = readPlatformContractFlag(contractFile, cwd);
  const own = await readManifestInputs(paths, io, [...(values.topology ? [values.topology] : []), ...(contractFile ? [contractFile] : []), ...notManifests]);
  const manifests = withPlatform(own, contract?.manifests, contractFile);
  if (values.topology) return { simulator: Simulator.build(manifests, loadTopology(values.topology, cwd), { cni }), notes: [] };
  const topology = representativeTopology(manifests);
  return { simulator: Simulator.build(manifests, topology, { cni }), notes: [representativeNote(topology)] };
}

/**
 * The manifests with the platform contract's objects after them: what the cluster runs when the
 * app's manifests are deployed into the platform.
 *
 * @param own the manifests given
 * @param platform the contract's objects, if `--platform-contract` was given
 * @param file the contract, for the message
 * @throws InputError when the manifests already hold one of the platform's objects (a copy of its dist/)
 */
export function withPlatform(own: readonly Manifest[], platform: readonly Manifest[] | undefined, file: string | undefined): Manifest[] {
  if (platform === undefined) return [...own];
  const all = [...own, ...platform];
  refuseDuplicateObjects(all, `--platform-contract ${file}`);
  return all;
}

/** Names the pods that stand in for a missing topology, so probes and explain can use them. */
export function representativeNote(topology: Topology): string {
  const pods = [...topology.namespaces].flatMap(([ns, value]) => [...value.pods.keys()].map((pod) => `${ns}/${pod}`));
  return `no --topology: representative pods built from the manifests stand in (${pods.join(', ')}); give a topology file for your real pods, ports and externals (docs/topology.md).`;
}

async function runProbe(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags('probe', args, {
    ...SIMULATOR_FLAGS,
    probes: { type: 'string' },
    format: { type: 'string', short: 'o' },
    matrix: { type: 'string' },
    protocol: { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
  }, true);
  const format = oneOf('format', values.format, ['table', 'json'] as const, 'table');
  if (values.quiet && values.matrix !== undefined) throw new InputError('--quiet applies to --probes only: it leaves out the probes that met their expect.');
  if (values.matrix === undefined && values.probes === undefined) throw new InputError('--probes is required (or --matrix <port> for a truth table).');
  if (values.matrix !== undefined && values.probes !== undefined) throw new InputError('--matrix and --probes cannot be combined; pick one.');
  if (values.protocol !== undefined && values.matrix === undefined) throw new InputError('--protocol applies to --matrix only; probes carry their own protocol.');
  const matrix = values.matrix === undefined ? undefined : parsePortProtocol(values.matrix);
  const matrixPort = matrix?.port;
  const flagged = protocolFlag(values.protocol);
  if (matrix?.protocol !== undefined && flagged !== undefined && matrix.protocol !== flagged) {
    throw new InputError(`--matrix "${values.matrix}" says ${matrix.protocol} but --protocol says ${flagged}; give one.`);
  }
  const protocol: Protocol = matrix?.protocol ?? flagged ?? 'TCP';
  const probes = values.probes === undefined ? [] : loadProbes(values.probes, io.cwd);
  // The spec's synopsis is `--manifests <file-or-dir>...`: bare arguments are more manifest paths.
  const { simulator, notes } = await loadSimulator(values, positionals, io, values.probes === undefined ? [] : [values.probes]);

  let output: string;
  let status = 0;
  if (matrixPort !== undefined) {
    const table = simulator.reachability(matrixPort, protocol);
    output = format === 'json' ? `${JSON.stringify(table)}\n` : formatMatrix(table);
  } else {
    const results = probes.map((probe, i): ProbeResult => {
      try {
        const verdict = simulator.evaluate(probe);
        return { probe, verdict, ok: probe.expect === undefined || probe.expect === verdict.verdict };
      } catch (error) {
        if (error instanceof InputError) throw new InputError(`${values.probes}: probes[${i}].${error.message}`);
        throw error;
      }
    });
    const failed = results.filter((r) => !r.ok).length;
    status = failed > 0 ? 1 : 0;
    // --quiet: only the probes that did not meet their expect (the summary line still counts all).
    const shown = values.quiet ? results.filter((r) => !r.ok) : results;
    output = format === 'json' ? shown.map((r) => `${JSON.stringify(verdictJson(r.verdict, r.probe.expect))}\n`).join('') : formatTable(shown, failed, results.length, values.quiet === true);
  }
  // Everything is computed before anything is printed: bad input (exit 2) prints nothing to stdout.
  for (const notice of [...notes, ...simulator.notices]) io.stderr(`netpol probe: note: ${notice}\n`);
  io.stdout(output);
  return status;
}

/** A probe, its verdict and whether the verdict met the probe's `expect`. */
interface ProbeResult {
  readonly probe: Probe;
  readonly verdict: FlowVerdict;
  readonly ok: boolean;
}

function formatTable(results: readonly ProbeResult[], failed: number, total: number, quiet: boolean): string {
  const side = (d: DirectionVerdict): string => `${d.verdict}${d.by.length ? ` (${d.by.join(', ')})` : ''}${d.reason !== undefined ? `: ${d.reason}` : ''}`;
  const rows = [
    ['FROM', 'TO', 'PORT', 'VERDICT', 'EXPECT', 'OK', 'EGRESS', 'INGRESS'],
    ...results.map(({ probe, verdict, ok }) => [
      verdict.from, verdict.to, `${verdict.port}/${verdict.protocol}`, verdict.verdict, probe.expect ?? '-',
      ok ? 'ok' : 'FAIL', side(verdict.egress), side(verdict.ingress),
    ]),
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const lines = rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ').trimEnd());
  // A probe's notices (what was not modelled for it) follow the table, named by the probe's flow.
  const notes = results.flatMap(({ verdict }) => (verdict.notices ?? []).map((n) => `note: ${verdict.from} -> ${verdict.to} ${verdict.port}/${verdict.protocol}: ${n}`));
  const table = results.length > 0 || !quiet ? `${lines.join('\n')}\n${notes.length ? `\n${notes.join('\n')}\n` : ''}\n` : '';
  return `${table}${total - failed} passed, ${failed} failed\n`;
}

/** The truth table in the style of the Kubernetes e2e netpol tests: tab-separated, `.` allowed, `X` denied. */
function formatMatrix(table: Reachability): string {
  const lines = [`-\t${table.pods.join('\t')}`];
  table.pods.forEach((pod, i) => lines.push(`${pod}\t${table.rows[i].split('').join('\t')}`));
  return `${lines.join('\n')}\n`;
}
