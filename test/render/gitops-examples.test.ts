import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, test } from 'vitest';
import { EXTERNAL_NAMESPACES_FILE } from '../../src/render/rendered-object';

const ROOT = path.join(__dirname, '..', '..');

/** Every object of the example manifests in `dir`, with its file. */
function examples(dir: string): { file: string; object: Record<string, any> }[] {
  const folder = path.join(ROOT, 'examples', dir);
  return fs.readdirSync(folder).filter((f) => f.endsWith('.yaml')).sort().flatMap((file) =>
    (parseAllDocuments(fs.readFileSync(path.join(folder, file), 'utf8')) as unknown as { toJS(): any }[]).map((doc) => ({ file, object: doc.toJS() })));
}

describe('GitOps examples point at the synthesized clusters', () => {
  test.each(['homelab', 'edge'])('a Flux Kustomization and an Argo CD Application consume dist/%s', (cluster) => {
    const flux = examples('flux').filter((e) => e.object.kind === 'Kustomization' && e.object.spec.path === `./dist/${cluster}`);
    const argo = examples('argocd').filter((e) => e.object.kind === 'Application' && e.object.spec.source.path === `dist/${cluster}`);
    expect(flux).toHaveLength(1);
    expect(argo).toHaveLength(1);
    expect(argo[0].object.spec.source.directory).toEqual({ recurse: false, exclude: '{kustomization.yaml,platform.json,external-namespaces.yaml}' });
    // Argo CD's directory source reads every *.yaml, *.yml and *.json of the folder: what the
    // kustomization does not list as a resource must be excluded.
    const kustomization = parseAllDocuments(fs.readFileSync(path.join(ROOT, 'dist', cluster, 'kustomization.yaml'), 'utf8'))[0].toJS() as { resources: string[] };
    const excluded = argo[0].object.spec.source.directory.exclude.replace(/^\{|\}$/g, '').split(',');
    const notApplied = fs.readdirSync(path.join(ROOT, 'dist', cluster)).filter((f) => /\.(ya?ml|json)$/.test(f) && !kustomization.resources.includes(f));
    expect(notApplied.filter((f) => !excluded.includes(f))).toEqual([]);
    // Files a cluster writes only in some designs are excluded too: the unapplied Namespaces of
    // manageNamespace: false (no reference cluster has one today).
    expect(excluded).toContain(`${EXTERNAL_NAMESPACES_FILE}.yaml`);
  });

  test('Flux Kustomizations reference the GitRepository of the examples', () => {
    const repos = examples('flux').filter((e) => e.object.kind === 'GitRepository').map((e) => e.object.metadata.name);
    const refs = examples('flux').filter((e) => e.object.kind === 'Kustomization').map((e) => e.object.spec.sourceRef.name);
    expect(new Set(refs)).toEqual(new Set(repos));
  });
});
