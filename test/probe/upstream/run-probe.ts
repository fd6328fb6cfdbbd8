import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { captureIo } from '../../../src/cli/io';
import { main } from '../../../src/cli/main';

/** The enforcer, as `--cni` takes it (flow-probe spec). */
export type CniName = 'cilium' | 'kubernetes' | 'none';

/** A protocol a probe can use. */
export type ProtocolName = 'TCP' | 'UDP' | 'SCTP';

/** A verdict as printed. */
export type VerdictName = 'allow' | 'deny';

/** A pod of a topology file (flow-probe spec, "Topology file"). */
export interface PodDoc {
  readonly labels: Record<string, string>;
  readonly ip?: string;
  readonly serviceAccount?: string;
  readonly ports?: readonly { name: string; port: number; protocol: ProtocolName }[];
}

/** A topology file as written to disk. */
export interface TopologyDoc {
  readonly namespaces: Record<string, { labels?: Record<string, string>; pods: Record<string, PodDoc> }>;
  readonly externals?: Record<string, { ip?: string; fqdn?: string }>;
}

/** One entry of a probe file. */
export interface ProbeDoc {
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly protocol: ProtocolName;
  readonly expect?: VerdictName;
}

/** One side of a printed verdict. */
export interface SideLine {
  readonly verdict: VerdictName;
  readonly by: string[];
  readonly reason?: string;
}

/** One line of `netpol probe --format json`. */
export interface ProbeLine extends ProbeDoc {
  readonly verdict: VerdictName;
  readonly ok?: boolean;
  readonly egress: SideLine;
  readonly ingress: SideLine;
}

/** What one `netpol probe` run printed. */
export interface ProbeRun {
  /** The exit status. */
  readonly code: number;
  /** The parsed stdout lines, in probe order. */
  readonly lines: ProbeLine[];
  /** Everything written to stderr. */
  readonly stderr: string;
}

/** The inputs of one run. */
export interface ProbeInput {
  /** Kubernetes objects, written as one multi-document YAML file. */
  readonly manifests: readonly object[];
  /** The topology. */
  readonly topology: TopologyDoc;
  /** The probes. */
  readonly probes: readonly ProbeDoc[];
  /** The enforcer. */
  readonly cni: CniName;
}

/**
 * Writes the inputs to a temporary directory and runs
 * `netpol probe --manifests <dir> --topology <file> --probes <file> --cni <cni> --format json`
 * in-process, as the flow-probe spec describes it.
 *
 * @throws Error with stderr when the command exits 2 (bad input) or prints something that is not
 *   one JSON object per probe
 */
export async function runProbe(input: ProbeInput): Promise<ProbeRun> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-upstream-'));
  try {
    fs.mkdirSync(path.join(dir, 'manifests'));
    fs.writeFileSync(path.join(dir, 'manifests', 'policies.yaml'), input.manifests.map((m) => stringify(m)).join('---\n'));
    fs.writeFileSync(path.join(dir, 'topology.yaml'), stringify(input.topology));
    fs.writeFileSync(path.join(dir, 'probes.yaml'), stringify({ probes: input.probes }));
    const io = captureIo(dir);
    const code = await main(['probe', '--manifests', 'manifests', '--topology', 'topology.yaml', '--probes', 'probes.yaml', '--cni', input.cni, '--format', 'json'], io);
    if (code === 2) throw new Error(`netpol probe rejected the input (exit 2):\n${io.err()}`);
    const lines = io.out().split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as ProbeLine);
    if (lines.length !== input.probes.length) {
      throw new Error(`netpol probe printed ${lines.length} lines for ${input.probes.length} probes (exit ${code}):\n${io.out()}\n${io.err()}`);
    }
    return { code, lines, stderr: io.err() };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
