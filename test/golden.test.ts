import * as fs from 'node:fs';
import * as path from 'node:path';
import { App } from 'cdk8s';
import { describe, expect, test } from 'vitest';
import { parseAllDocuments } from 'yaml';
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

describe('dist/ never carries the empty-rule pitfalls', () => {
  test('no empty rule list anywhere, and an empty rule ({}, allow-all) only in the escape hatch', () => {
    const offenders: string[] = [];
    for (const cluster of fs.readdirSync(DIST)) {
      for (const [file, text] of committed(cluster)) {
        for (const doc of parseAllDocuments(text)) {
          const object = doc.toJS() as { kind: string; metadata?: { name: string }; spec?: Record<string, unknown> };
          for (const field of ['ingress', 'egress', 'ingressDeny', 'egressDeny']) {
            const rules = object.spec?.[field];
            if (Array.isArray(rules) && rules.length === 0) offenders.push(`${file} ${object.metadata?.name} spec.${field}: []`);
            if (Array.isArray(rules) && rules.some((r) => Object.keys(r as object).length === 0) && object.metadata?.name !== 'enforcement-disabled') {
              offenders.push(`${file} ${object.metadata?.name} spec.${field}: [{}]`);
            }
          }
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
