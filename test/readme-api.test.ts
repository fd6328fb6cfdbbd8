import * as fs from 'node:fs';
import { describe, expect, test } from 'vitest';
import * as everything from '../src/index';
import * as publicApi from '../src/public';

/** The TypeScript code blocks of the README. */
function readmeCode(): string {
  const readme = fs.readFileSync('README.md', 'utf8');
  return [...readme.matchAll(/```(?:ts|typescript)\n([\s\S]*?)```/g)].map((m) => m[1]).join('\n');
}

describe('README examples use only the public API', () => {
  test('every library name the README code calls is exported from the package entry', () => {
    const code = readmeCode();
    const used = Object.keys(everything).filter((name) => new RegExp(`(?<![\\w.'"/-])${name}(?=[.(<])`).test(code));
    // A name of the library (src/index.ts, the repository's everything-barrel) that a README
    // example calls, but `import ... from 'cdk8s-netpol'` (src/public.ts) does not give.
    expect(used.filter((name) => !(name in publicApi))).toEqual([]);
    expect(used).toContain('LabelSelector');
  });
});
