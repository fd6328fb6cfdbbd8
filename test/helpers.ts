import { expect } from 'vitest';
import { App } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { ClusterBaseline, NetpolCluster, PolicyError, Profile, SharedService, synthesizeFiles, type NetpolClusterProps } from '../src';

/** A cluster with the baseline, the built-in profiles and shared services: what most tests start from. */
export function testCluster(props: NetpolClusterProps = {}): { app: App; cluster: NetpolCluster } {
  const app = new App();
  const cluster = new NetpolCluster(app, props.name ?? 'test', props);
  new ClusterBaseline(cluster, 'baseline');
  Profile.builtins(cluster);
  SharedService.builtins(cluster);
  return { app, cluster };
}

/** Every synthesized object, parsed, keyed by `file: Kind namespace/name`. */
export async function synthObjects(app: App): Promise<Map<string, Record<string, any>>> {
  const files = await synthesizeFiles(app);
  const objects = new Map<string, Record<string, any>>();
  for (const [file, text] of files) {
    if (file.endsWith('kustomization.yaml') || file.endsWith('/platform.json')) continue;
    for (const doc of parseAllDocuments(text) as unknown as { toJS(): any }[]) {
      const object = doc.toJS();
      const ns = object.metadata.namespace ? `${object.metadata.namespace}/` : '';
      objects.set(`${file}: ${object.kind} ${ns}${object.metadata.name}`, object);
    }
  }
  return objects;
}

/** The one synthesized object named `Kind namespace/name` (any file). */
export async function synthObject(app: App, name: string): Promise<Record<string, any>> {
  const objects = await synthObjects(app);
  const found = [...objects.entries()].filter(([key]) => key.endsWith(`: ${name}`));
  if (found.length !== 1) throw new Error(`expected one object ${name}, found ${found.length}: ${[...objects.keys()].join(', ')}`);
  return found[0][1];
}

/**
 * Expects synthesis of `app` to be refused with one report (src/model/problems.ts) matching
 * `pattern`, and returns the report.
 */
export async function expectRefused(app: App, pattern: RegExp): Promise<string> {
  const error = await synthesizeFiles(app).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(PolicyError);
  const message = (error as Error).message;
  expect(message).toMatch(/^Validation failed with the following errors:\n/);
  expect(message).toMatch(pattern);
  return message;
}
