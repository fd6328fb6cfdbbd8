import type { Command } from '../command';

/** Every `netpol` sub-command, in the order `netpol --help` lists them. */
export const COMMANDS: readonly Command[] = [
];
