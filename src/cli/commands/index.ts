import type { Command } from '../command';
import { completionCommand } from './completion';
import { diffCommand } from './diff';
import { docsCommand } from './docs';
import { explainCommand } from './explain';
import { importCommand } from './import';
import { doctorCommand } from './doctor';
import { lintCommand } from './lint';
import { probeCommand } from './probe';
import { reportCommand } from './report';

/** Every `netpol` sub-command, in the order `netpol --help` lists them. */
export const COMMANDS: readonly Command[] = [
  probeCommand,
  explainCommand,
  lintCommand,
  doctorCommand,
  diffCommand,
  docsCommand,
  reportCommand,
  importCommand,
  completionCommand(() => COMMANDS),
];
