import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The version of the installed package, from its `package.json` (two folders up from both
 * `src/cli` and the compiled `lib/cli`).
 */
export function netpolVersion(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version?: unknown };
  return String(manifest.version);
}
