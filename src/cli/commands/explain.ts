import { oneOf, parseFlags } from '../args';
import type { Command } from '../command';
import { InputError } from '../input-error';
import type { CliIo } from '../io';
import { parsePort, PROTOCOLS, type Protocol } from '../../probe/flow';
import { loadSimulator, SIMULATOR_FLAGS } from './probe';

const USAGE = `Usage: netpol explain <from> <to> <port> [--protocol TCP|UDP|SCTP]
                      --manifests <file-or-dir> [--manifests ...] --topology <file>
                      [--cni cilium|kubernetes|none]

Tells in words which policies allow or deny one connection on each side and why.
Peers: ns/pod, external:<name>, entity:<name>. Repeat --manifests for several paths
(bare arguments are <from> <to> <port>).

Exit status: 0 allowed; 1 denied; 2 bad input.
`;

/** `netpol explain`: why one flow is allowed or denied. */
export const explainCommand: Command = {
  name: 'explain',
  summary: 'Explain which policies allow or deny one connection',
  usage: USAGE,
  run: (args, io) => Promise.resolve(runExplain(args, io)),
};

function runExplain(args: readonly string[], io: CliIo): number {
  const { values, positionals } = parseFlags('explain', args, {
    ...SIMULATOR_FLAGS,
    protocol: { type: 'string' },
  }, true);
  if (positionals.length !== 3) throw new InputError(`expected <from> <to> <port>, got ${positionals.length} argument${positionals.length === 1 ? '' : 's'}. Example: netpol explain x/a y/b 80 --manifests dist --topology topology.yaml`);
  const [from, to, portText] = positionals;
  const port = parsePort(portText);
  if (port === undefined) throw new InputError(`port "${portText}" is not a port number 1-65535.`);
  const protocol = oneOf('protocol', values.protocol, PROTOCOLS, 'TCP' as Protocol);
  const simulator = loadSimulator(values, [], io.cwd);
  let result: ReturnType<typeof simulator.explain>;
  try {
    result = simulator.explain({ from, to, port, protocol });
  } catch (error) {
    // `from: unknown pod ...`: say which topology was searched.
    if (error instanceof InputError) throw new InputError(`${error.message} (--topology ${values.topology})`);
    throw error;
  }
  const { verdict } = result;
  const word = (v: 'allow' | 'deny'): string => (v === 'allow' ? 'allowed' : 'denied');
  const out = [
    `${from} -> ${to} ${verdict.port}/${verdict.protocol}: ${word(verdict.verdict)} (--cni ${simulator.cni})`,
    `egress of ${from}: ${prefixed(word(verdict.egress.verdict), result.egress)}`,
    `ingress of ${to}: ${prefixed(word(verdict.ingress.verdict), result.ingress)}`,
    ...simulator.notices.map((n) => `note: ${n}`),
  ];
  io.stdout(`${out.join('\n')}\n`);
  return verdict.verdict === 'allow' ? 0 : 1;
}

/** Starts the explanation with the side's verdict unless it already says it. */
function prefixed(word: string, explanation: string): string {
  return explanation.startsWith(word) ? explanation : `${word}: ${explanation}`;
}
