import { parseArgs, type ParseArgsConfig } from 'node:util';
import { closest } from '../model/names';
import { InputError } from './input-error';

type Options = NonNullable<ParseArgsConfig['options']>;

/** What `parseFlags` returns: the typed flag values and the bare arguments. */
export type ParsedFlags<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: boolean; strict: true }>>;

/**
 * Parses a command's flags with `node:util` `parseArgs`, turning its errors into
 * `InputError` (exit status 2) that name the command; an unknown flag gets the closest known
 * one as a "did you mean".
 *
 * @param command the sub-command name, for messages
 * @param args the arguments after the sub-command
 * @param options the flags the command accepts
 * @param allowPositionals whether bare arguments are accepted
 */
export function parseFlags<O extends Options>(command: string, args: readonly string[], options: O, allowPositionals = false): ParsedFlags<O> {
  try {
    return parseArgs({ args: [...args], options, allowPositionals, strict: true });
  } catch (error) {
    const message = (error as Error).message;
    const unknown = /^Unknown option '(-{1,2}[^'=]+)/.exec(message)?.[1];
    if (unknown !== undefined) {
      const near = closest(unknown.replace(/^-+/, ''), [...Object.keys(options), 'help']);
      throw new InputError(`Unknown option '${unknown}'.${near ? ` Did you mean --${near}?` : ''} Run \`netpol ${command} --help\`.`);
    }
    throw new InputError(`${message}. Run \`netpol ${command} --help\`.`);
  }
}

/**
 * Reads a flag that must be one of a fixed set of words.
 *
 * @param flag the flag name, for messages
 * @param value the value given, if any
 * @param allowed the accepted words
 * @param fallback the value when the flag is absent
 */
export function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new InputError(`--${flag} "${value}" is not one of ${allowed.join(', ')}.`);
}
