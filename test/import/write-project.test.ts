import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/cli/input-error';
import { writeProject } from '../../src/import/write-project';

describe('writeProject', () => {
  test('writes nested files, keeps the folder\'s other files and leaves unchanged files untouched', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-write-project-'));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine\n');
    const files = new Map([['src/main.ts', 'main\n'], ['src/namespaces/blog.ts', 'blog\n']]);
    expect(writeProject(dir, files, '--out x')).toEqual(['src/main.ts', 'src/namespaces/blog.ts']);
    expect(writeProject(dir, files, '--out x')).toEqual([]);
    expect(fs.readFileSync(path.join(dir, 'src/namespaces/blog.ts'), 'utf8')).toBe('blog\n');
    expect(fs.readFileSync(path.join(dir, 'notes.txt'), 'utf8')).toBe('mine\n');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a read-only --out is refused naming the flag, with nothing changed and no temporary left', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-write-project-'));
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'src/main.ts'), 'old\n');
    fs.chmodSync(path.join(dir, 'src'), 0o555);
    try {
      expect(() => writeProject(dir, new Map([['src/main.ts', 'new\n']]), '--out x')).toThrow(InputError);
      expect(() => writeProject(dir, new Map([['src/main.ts', 'new\n']]), '--out x')).toThrow(/^--out x: Cannot write .*read-only/);
      expect(fs.readFileSync(path.join(dir, 'src/main.ts'), 'utf8')).toBe('old\n');
      expect(fs.readdirSync(path.join(dir, 'src'))).toEqual(['main.ts']);
    } finally {
      fs.chmodSync(path.join(dir, 'src'), 0o755);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
