import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { describe, expect, test } from 'vitest';
import { captureIo } from '../../src/cli/io';
import { main } from '../../src/cli/main';

/** The `npx netpol ...` commands of a README section, each with the output lines shown under it. */
function examples(section: string): { args: string[]; shown: string[] }[] {
  const readme = fs.readFileSync('README.md', 'utf8');
  const start = readme.indexOf(`## ${section}\n`);
  const end = readme.indexOf('\n## ', start + 1);
  const text = readme.slice(start, end < 0 ? undefined : end).replace(/\\\n\s*/g, '');
  const found: { args: string[]; shown: string[] }[] = [];
  for (const line of text.split('\n')) {
    const command = /^npx netpol (.*?)(\s+[>#].*)?$/.exec(line);
    if (command) found.push({ args: command[1].split(/\s+/), shown: [] });
    else if (line.startsWith('# ') && found.length > 0 && !line.startsWith('# ...')) found[found.length - 1].shown.push(line.slice(2));
  }
  return found;
}

/** Whether the checkout has the parent commit the diff example reads (a shallow CI clone may not). */
function hasParentCommit(): boolean {
  try {
    execFileSync('git', ['rev-parse', '--verify', '--quiet', 'HEAD~1^{commit}'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe.each(['netpol lint', 'netpol doctor', 'netpol diff', 'netpol docs'])('README section %s', (section) => {
  test('every example runs and prints what the README shows', async () => {
    const list = examples(section);
    expect(list.length).toBeGreaterThan(0);
    for (const { args, shown } of list) {
      if (args.includes('HEAD~1') && !hasParentCommit()) continue;
      const io = captureIo(process.cwd());
      const code = await main(args, io);
      expect(code, `netpol ${args.join(' ')}: ${io.err()}`).toBeLessThan(2);
      for (const line of shown.filter((l) => !l.startsWith('On a cluster') && !l.startsWith('  hubble observe'))) expect(io.out()).toContain(line);
    }
  });
});
