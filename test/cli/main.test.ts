import { describe, expect, test } from 'vitest';
import type { Command } from '../../src/cli/command';
import { COMMANDS } from '../../src/cli/commands';
import { InputError } from '../../src/cli/input-error';
import { captureIo } from '../../src/cli/io';
import { INTERNAL_ERROR, main } from '../../src/cli/main';

function withCommand(command: Command, run: () => Promise<void>): Promise<void> {
  (COMMANDS as Command[]).push(command);
  return run().finally(() => { (COMMANDS as Command[]).pop(); });
}

describe('netpol', () => {
  test('lists every command with --help', async () => {
    const io = captureIo();
    expect(await main(['--help'], io)).toBe(0);
    for (const name of ['probe', 'explain', 'lint', 'doctor', 'diff', 'docs']) expect(io.out()).toMatch(new RegExp(`^  ${name} `, 'm'));
  });

  test('every command has --help text', async () => {
    for (const command of COMMANDS) {
      const io = captureIo();
      expect(await main([command.name, '--help'], io)).toBe(0);
      expect(io.out()).toMatch(/^Usage: netpol /);
    }
  });

  test('fails with status 2 on no command and on an unknown command', async () => {
    expect(await main([], captureIo())).toBe(2);
    const io = captureIo();
    expect(await main(['probes'], io)).toBe(2);
    expect(io.err()).toMatch(/unknown command "probes"\. Did you mean "probe"\? Commands: probe, /);
  });

  test('bad input exits 2 with the message', () => withCommand({
    name: 'bad', summary: '', usage: 'Usage: netpol bad', run: () => Promise.reject(new InputError('x.yaml: spec.y: wrong')),
  }, async () => {
    const io = captureIo();
    expect(await main(['bad'], io)).toBe(2);
    expect(io.err()).toBe('netpol bad: x.yaml: spec.y: wrong\n');
  }));

  test('a bug exits 3, never 1 (which means failed expectations) nor 2 (bad input)', () => withCommand({
    name: 'crash', summary: '', usage: 'Usage: netpol crash', run: () => Promise.reject(new TypeError('boom')),
  }, async () => {
    const io = captureIo();
    expect(await main(['crash'], io)).toBe(INTERNAL_ERROR);
    expect(io.err()).toMatch(/^netpol crash: internal error \(a bug in netpol; please report it with the command line\):\nTypeError: boom/);
    expect(io.out()).toBe('');
  }));
});
