import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Finds which file of the repo's `platform/` directory defines each platform namespace, by
 * looking for `new PlatformNamespace(<scope>, '<name>'` in its `*.ts` files, so fixes can
 * name the file to edit (istio-gateway lives in platform/istio.ts, not platform/istio-gateway.ts).
 *
 * @param root the repository root (the CLI's working directory)
 * @returns the file, relative to `root` with `/` separators, by namespace name; empty when there is no `platform/`
 */
export function findPlatformSources(root: string): Record<string, string> {
  const dir = path.join(root, 'platform');
  let files: string[];
  try {
    files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).sort();
  } catch {
    return {};
  }
  const sources: Record<string, string> = {};
  for (const file of files) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    for (const match of text.matchAll(/new\s+PlatformNamespace\(\s*[^,]+,\s*['"`]([a-z0-9-]+)['"`]/g)) {
      sources[match[1]] ??= `platform/${file}`;
    }
  }
  return sources;
}
