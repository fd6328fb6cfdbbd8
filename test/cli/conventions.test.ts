import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { describe, expect, test } from 'vitest';
import { COMMANDS } from '../../src/cli/commands';
import { commandFlags } from '../../src/cli/commands/completion';
import { captureIo } from '../../src/cli/io';
import { main } from '../../src/cli/main';

async function run(args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo(process.cwd(), stdin);
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('CLI conventions', () => {
  test('--version prints the package version', async () => {
    const { version } = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { version: string };
    expect(await run(['--version'])).toEqual({ code: 0, out: `${version}\n`, err: '' });
    expect((await run(['-V'])).out).toBe(`${version}\n`);
  });

  test('netpol help <command> prints the command\'s usage, as <command> --help does', async () => {
    for (const command of COMMANDS) expect(await run(['help', command.name])).toEqual(await run([command.name, '--help']));
  });

  test('-o is --format for every command that has --format', async () => {
    const withFormat = COMMANDS.filter((c) => /^ +(-o, )?--format </m.test(c.usage));
    expect(withFormat.map((c) => c.name)).toEqual(expect.arrayContaining(['probe', 'explain', 'lint', 'doctor', 'diff', 'docs']));
    for (const command of withFormat) expect(command.usage, command.name).toMatch(/-o, --format/);
    const dir = 'test/fixtures/lint/clean';
    expect((await run(['diff', '--base', dir, '--head', dir, '-o', 'json'])).code).toBe(0);
  });

  test('an unknown flag gets a "did you mean"', async () => {
    const { code, err } = await run(['probe', '--topolgy', 'x']);
    expect(code).toBe(2);
    expect(err).toBe("netpol probe: Unknown option '--topolgy'. Did you mean --topology? Run `netpol probe --help`.\n");
  });

  test('- reads manifests from standard input (kustomize build . | netpol lint -)', async () => {
    const text = fs.readFileSync('test/fixtures/lint/bad/cluster.yaml', 'utf8');
    const piped = await run(['lint', '-', '-o', 'json'], text);
    const filed = await run(['lint', 'test/fixtures/lint/bad/cluster.yaml', '-o', 'json']);
    expect(piped.code).toBe(1);
    const rules = (out: string) => JSON.parse(out).findings.map((f: { rule: string; object: string; field: string }) => `${f.rule} ${f.object} ${f.field}`);
    expect(rules(piped.out)).toEqual(rules(filed.out));
    expect(JSON.parse(piped.out).findings[0].file).toBe('<stdin>');
  });

  test('- works for explain\'s manifests too, with representative pods', async () => {
    const dir = 'test/fixtures/lint/clean';
    const text = fs.readdirSync(dir).sort().map((f) => fs.readFileSync(`${dir}/${f}`, 'utf8')).join('\n---\n');
    const { code, out } = await run(['explain', 'kube-system/kube-dns', 'kube-system/kube-dns', '53/udp', '--manifests', '-'], text);
    expect(code).toBeLessThan(2);
    expect(out).toContain('kube-system/kube-dns -> kube-system/kube-dns 53/UDP');
  });

  test('doctor refuses - for manifests when standard input holds the flows', async () => {
    const { code, err } = await run(['doctor', '-']);
    expect(code).toBe(2);
    expect(err).toMatch(/standard input holds the flows/);
  });

  test.each(['bash', 'zsh', 'fish'])('netpol completion %s names every command and its flags', async (shell) => {
    const { code, out } = await run(['completion', shell]);
    expect(code).toBe(0);
    for (const command of COMMANDS) expect(out).toContain(command.name);
    expect(out).toContain(shell === 'fish' ? "-l 'max-warnings'" : '--max-warnings');
  });

  test('the bash completion script is valid bash', async () => {
    const { out } = await run(['completion', 'bash']);
    expect(() => execFileSync('bash', ['-n'], { input: out })).not.toThrow();
  });

  test('completion takes the flags from each command\'s usage', () => {
    const lint = COMMANDS.find((c) => c.name === 'lint')!;
    expect(commandFlags(lint)).toEqual(expect.arrayContaining(['--config', '--format', '--help', '--manifests', '--max-warnings', '--platform', '--quiet']));
  });

  test('completion of an unknown shell exits 2', async () => {
    const { code, err } = await run(['completion', 'powershell']);
    expect(code).toBe(2);
    expect(err).toBe('netpol completion: give one shell: bash, zsh, fish (got powershell).\n');
  });
});
