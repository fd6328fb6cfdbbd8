import * as fs from 'node:fs';
import * as path from 'node:path';
import { App } from 'cdk8s';
import { describe, expect, test } from 'vitest';
import { synthesizeFiles } from '../src';
import { homelab } from '../platform/homelab';

const DIST = path.join(__dirname, '..', 'dist');

function committed(cluster: string): Map<string, string> {
  const dir = path.join(DIST, cluster);
  return new Map(fs.readdirSync(dir).sort().map((f) => [`${cluster}/${f}`, fs.readFileSync(path.join(dir, f), 'utf8')]));
}

describe('dist/', () => {
  test('dist/homelab is exactly what a fresh synth produces (run `npx cdk8s synth` after changing the definitions)', async () => {
    const app = new App();
    homelab(app);
    const fresh = await synthesizeFiles(app);
    expect(committed('homelab')).toEqual(fresh);
  });
});
