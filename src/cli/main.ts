import { COMMANDS } from './commands';
import { InputError } from './input-error';
import { processIo, type CliIo } from './io';
import { netpolVersion } from './version';
import { closest } from '../model/names';

/** The exit status of an unexpected error: a bug, neither findings (1) nor bad input (2). */
export const INTERNAL_ERROR = 3;

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length), 4);
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: netpol <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `netpol help <command>` (or `netpol <command> --help`) for the options of a command;',
    '`netpol --version` prints the version; `netpol completion bash|zsh|fish` a completion script.',
    'Exit status: 0 ok, 1 findings or failed expectations, 2 bad input, 3 internal error (a bug).',
    '',
  ].join('\n');
}

/**
 * Runs the `netpol` CLI.
 *
 * @param argv the arguments after `netpol`
 * @param io where to read and write; the process's own streams by default
 * @returns the exit status
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V') {
    io.stdout(`${netpolVersion()}\n`);
    return 0;
  }
  if (name === 'help' && rest.length > 0) return main([rest[0], '--help'], io);
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(overview());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    const near = closest(name, COMMANDS.map((c) => c.name));
    io.stderr(`netpol: unknown command "${name}".${near ? ` Did you mean "${near}"?` : ''} Commands: ${COMMANDS.map((c) => c.name).join(', ')}.\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.usage.endsWith('\n') ? command.usage : `${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof InputError) {
      io.stderr(`netpol ${name}: ${error.message}\n`);
      return 2;
    }
    // Not bad input but a bug: a status of its own, so a crash never reads as "a probe failed" (1).
    io.stderr(`netpol ${name}: internal error (a bug in netpol; please report it with the command line):\n${(error as Error).stack ?? String(error)}\n`);
    return INTERNAL_ERROR;
  }
}
