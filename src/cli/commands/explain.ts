import { oneOf, parseFlags } from '../args';
import type { Command } from '../command';
import { parsePortProtocol, protocolFlag } from '../flag-values';
import { InputError } from '../input-error';
import type { CliIo } from '../io';
import type { DirectionVerdict } from '../../probe/verdict';
import { loadSimulator, SIMULATOR_FLAGS } from './probe';

const USAGE = `Usage: netpol explain <from> <to> <port>[/<protocol>] [--protocol TCP|UDP|SCTP]
                      --manifests <file-or-dir> [--manifests ...] [--topology <file>]
                      [--platform-contract <file>] [--cni cilium|kubernetes|none] [-o, --format text|json]

Tells in words which policies allow or deny one connection on each side and why.
Peers: ns/pod, external:<name>, entity:<name>. Ports: 5432, 5432/TCP or 5432/tcp.
Repeat --manifests for several paths (bare arguments are <from> <to> <port>).
Without --topology, representative pods built from the manifests stand in (named in a note,
e.g. kube-system/kube-dns); see docs/topology.md for the file.

Options:
  -o, --format <fmt>  text (default) or json (one object: the verdict, each side's policies
                      and explanation, notes)
  --platform-contract <file>
                      an app repo's check: the platform repo's dist/<cluster>/platform.json; its
                      baselines, profiles, shared services and platform namespaces decide the
                      flow with the manifests (docs/platform-contract.md)

Example:
  netpol explain demo-standard/app database/postgres 5432/tcp --manifests dist/homelab

Exit status: 0 allowed; 1 denied; 2 bad input.
`;

/** `netpol explain`: why one flow is allowed or denied. */
export const explainCommand: Command = {
  name: 'explain',
  summary: 'Explain which policies allow or deny one connection',
  usage: USAGE,
  run: (args, io) => runExplain(args, io),
};

async function runExplain(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags('explain', args, {
    ...SIMULATOR_FLAGS,
    protocol: { type: 'string' },
    format: { type: 'string', short: 'o' },
  }, true);
  const format = oneOf('format', values.format, ['text', 'json'] as const, 'text');
  if (positionals.length !== 3) throw new InputError(`expected <from> <to> <port>, got ${positionals.length} argument${positionals.length === 1 ? '' : 's'}. Example: netpol explain x/a y/b 80/tcp --manifests dist/homelab`);
  const [from, to, portText] = positionals;
  const written = parsePortProtocol(portText);
  const flagged = protocolFlag(values.protocol);
  if (written.protocol !== undefined && flagged !== undefined && written.protocol !== flagged) {
    throw new InputError(`port "${portText}" says ${written.protocol} but --protocol says ${flagged}; give one.`);
  }
  const protocol = written.protocol ?? flagged ?? 'TCP';
  const { simulator, notes } = await loadSimulator(values, [], io);
  let result: ReturnType<typeof simulator.explain>;
  try {
    result = simulator.explain({ from, to, port: written.port, protocol });
  } catch (error) {
    // `from: unknown pod ...`: say which topology was searched.
    if (error instanceof InputError) throw new InputError(`${error.message} (${values.topology ? `--topology ${values.topology}` : notes.join(' ')})`);
    throw error;
  }
  const { verdict } = result;
  // The flow's own notices (what was not modelled for it) first, then the run's.
  const allNotes = [...new Set([...verdict.notices ?? [], ...appPortsNote(verdict.verdict, verdict.port, result), ...notes, ...simulator.notices])];
  if (format === 'json') {
    const side = (d: DirectionVerdict, explanation: string): Record<string, unknown> => ({ verdict: d.verdict, by: d.by, ...(d.reason !== undefined ? { reason: d.reason } : {}), explanation });
    io.stdout(`${JSON.stringify({
      from: verdict.from, to: verdict.to, port: verdict.port, protocol: verdict.protocol, verdict: verdict.verdict, cni: simulator.cni,
      egress: side(verdict.egress, result.egress), ingress: side(verdict.ingress, result.ingress), notes: allNotes,
    }, null, 2)}\n`);
    return verdict.verdict === 'allow' ? 0 : 1;
  }
  const word = (v: 'allow' | 'deny'): string => (v === 'allow' ? 'allowed' : 'denied');
  const out = [
    `${from} -> ${to} ${verdict.port}/${verdict.protocol}: ${word(verdict.verdict)} (--cni ${simulator.cni})`,
    `egress of ${from}: ${prefixed(word(verdict.egress.verdict), result.egress)}`,
    `ingress of ${to}: ${prefixed(word(verdict.ingress.verdict), result.ingress)}`,
    ...allNotes.map((n) => `note: ${n}`),
  ];
  io.stdout(`${out.join('\n')}\n`);
  return verdict.verdict === 'allow' ? 0 : 1;
}

/**
 * For a denied flow whose sender is a gateway (selected by a `gateway-<name>` policy): gateways reach application pods
 * only on the application ports, the cluster's or the namespace's own (cdk8s-netpol `appPorts`).
 */
function appPortsNote(verdict: 'allow' | 'deny', port: number | string, result: { readonly egress: string; readonly ingress: string }): string[] {
  // The gateway's side is decided by its gateway-<name> policy.
  if (verdict === 'allow' || !/\bgateway-[a-z0-9-]+/.test(result.egress)) return [];
  return [`gateways reach application pods only on the application ports: the cluster's (NetpolCluster appPorts) or, for one namespace, its own (AppNamespace appPorts: [Port.tcp(${port})]); if the app listens on ${port}, add it there.`];
}

/** Starts the explanation with the side's verdict unless it already says it. */
function prefixed(word: string, explanation: string): string {
  return explanation.startsWith(word) ? explanation : `${word}: ${explanation}`;
}
