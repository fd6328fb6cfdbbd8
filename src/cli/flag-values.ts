import { parsePort, PROTOCOLS, type Protocol } from '../probe/flow';
import { InputError } from './input-error';

/**
 * Reads a flag the command cannot run without.
 *
 * @param command the sub-command name, for the `--help` hint
 * @param flag the flag name, without `--`
 * @param value the value `parseFlags` gave
 * @param need what to give, e.g. `give the files or directories to lint`
 *   (@default - the message points to `--help` only)
 * @returns the value
 * @throws InputError when the flag is absent or empty
 */
export function requiredFlag(command: string, flag: string, value: string | undefined, need?: string): string {
  if (value === undefined || value === '') throw new InputError(missing(command, flag, need));
  return value;
}

/**
 * Reads a repeatable flag the command needs at least once (e.g. `--manifests a --manifests b`).
 *
 * @param command the sub-command name, for the `--help` hint
 * @param flag the flag name, without `--`
 * @param values the values `parseFlags` gave
 * @param need what to give, e.g. `give the files or directories to lint`
 *   (@default - the message points to `--help` only)
 * @returns the values, in the order given
 * @throws InputError when the flag is absent
 */
export function requiredList(command: string, flag: string, values: readonly string[] | undefined, need?: string): string[] {
  if (values === undefined || values.length === 0) throw new InputError(missing(command, flag, need));
  return [...values];
}

/**
 * Reads a repeatable flag whose values may also be comma-separated, e.g.
 * `--platform a,b --platform c`; blanks are dropped.
 *
 * @param values the values `parseFlags` gave
 * @returns every item, in the order given; empty when the flag is absent
 */
export function commaList(values: readonly string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

function missing(command: string, flag: string, need: string | undefined): string {
  return `--${flag} is required${need === undefined ? '' : `: ${need}`}. Run \`netpol ${command} --help\`.`;
}

/**
 * Reads a port as people write it: `5432`, `5432/TCP` or `5432/tcp` (the protocol in any case,
 * as kubectl and `ss` print it).
 *
 * @param text the argument
 * @returns the port, and the protocol when one is written
 * @throws InputError when the port is not 1-65535 or the protocol not TCP, UDP or SCTP
 */
export function parsePortProtocol(text: string): { port: number; protocol?: Protocol } {
  const [portText, protocolText, extra] = text.split('/');
  const port = parsePort(portText);
  if (port === undefined || extra !== undefined) throw new InputError(`port "${text}" is not a port number 1-65535, optionally with its protocol (e.g. 5432 or 5432/tcp).`);
  if (protocolText === undefined) return { port };
  return { port, protocol: protocolWord(protocolText, `port "${text}"`) };
}

/**
 * Reads `--protocol` in any case (`tcp`, `TCP`).
 *
 * @param value the flag value
 * @returns the protocol, or undefined when the flag is absent
 * @throws InputError when it is not TCP, UDP or SCTP
 */
export function protocolFlag(value: string | undefined): Protocol | undefined {
  return value === undefined ? undefined : protocolWord(value, `--protocol "${value}"`);
}

function protocolWord(text: string, what: string): Protocol {
  const upper = text.toUpperCase();
  if (!(PROTOCOLS as readonly string[]).includes(upper)) throw new InputError(`${what}: the protocol is not one of ${PROTOCOLS.join(', ')} (any case).`);
  return upper as Protocol;
}
