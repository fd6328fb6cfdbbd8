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
