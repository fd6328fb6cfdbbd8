import type { CliIo } from './io';

/** One `netpol` sub-command. Commands parse their own flags and hold no policy logic. */
export interface Command {
  /** The word after `netpol`, e.g. `probe`. */
  readonly name: string;
  /** One line for `netpol --help`. */
  readonly summary: string;
  /** The full `--help` text of the command. */
  readonly usage: string;
  /**
   * Runs the command.
   *
   * @returns the exit status: 0 ok, 1 findings or failed expectations, 2 bad input
   */
  run(args: readonly string[], io: CliIo): Promise<number>;
}
