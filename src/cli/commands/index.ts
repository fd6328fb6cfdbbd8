import type { Command } from '../command';
import { lintCommand } from './lint';

/** Every `netpol` sub-command, in the order `netpol --help` lists them. */
export const COMMANDS: readonly Command[] = [
  lintCommand,
];
