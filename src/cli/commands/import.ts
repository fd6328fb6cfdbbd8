import * as fs from 'node:fs';
import * as path from 'node:path';
import { Renderer } from '../../constructs/cluster-settings';
import { importManifests } from '../../import/importer';
import { renderImportJson, renderImportMarkdown, renderImportText } from '../../import/import-report';
import { projectFiles } from '../../import/project-files';
import { checkOutDir, insideProject, writeProject } from '../../import/write-project';
import { dns1123LabelProblem } from '../../model/kubernetes-syntax';
import { oneOf, parseFlags } from '../args';
import type { Command } from '../command';
import { requiredFlag, requiredList } from '../flag-values';
import { InputError } from '../input-error';
import { readManifestInputs } from '../manifest-input';

const FORMATS = ['text', 'json'] as const;
const RENDERERS = ['cilium', 'kubernetes'] as const;

/** The file of the report beside the generated code. */
const REPORT_FILE = 'import-report.md';

/** `netpol import`: policy YAML in, a TypeScript cluster definition out, with a proof. */
export const importCommand: Command = {
  name: 'import',
  summary: 'Turn policy YAML into a TypeScript cluster definition, proving no flow changed',
  usage: `Usage: netpol import [<file-or-dir>...] [--manifests <file-or-dir>...] --out <dir> [--cluster <name>]
                     [--renderer cilium|kubernetes] [--format text|json]

Reads NetworkPolicies, CiliumNetworkPolicies, CiliumClusterwideNetworkPolicies and Namespaces
and writes a cluster definition that uses this library: the design's patterns as its
constructs where they match, every other policy kept as written (CiliumPolicy or
KubernetesPolicy, commented "imported as-is"), every namespace declared (with
manageNamespace: false when the input has no Namespace object for it). What the library
refuses by default is kept with an "imported: ..." reason and listed to review.

Then the proof: the generated definition is synthesized in memory and the flow simulator
compares it with the input on a representative topology (every namespace, every pod
selector seen, every port named): "0 flows opened, 0 closed", or each difference and why.

Options:
  <file-or-dir>, --manifests <path>
                      YAML/JSON file or directory (recursive); several, or repeat the flag;
                      - reads standard input (kustomize build . | netpol import - --out netpol)
  --out <dir>         where to write: src/main.ts, src/cluster.ts, src/namespaces/<ns>.ts,
                      ${REPORT_FILE}, and (unless <dir> is inside a project, a package.json up
                      the tree) package.json, cdk8s.yaml, tsconfig.json, README.md
  --cluster <name>    the cluster name (dist/<name>/) (default: the input folder's name,
                      lowercased, when that makes a valid name, else "cluster")
  --renderer <r>      cilium or kubernetes (NetworkPolicy; the proof models the CNI to match)
                      (default: kubernetes when the input has only NetworkPolicies, else cilium)
  -o, --format <fmt>  text (default) or json (the report: findings, files, the proof)

Exit status: 0 written and equivalent, 1 written but flows differ (listed), 2 bad input
(nothing written).

Example:
  netpol import clusters/home/policies --out netpol --cluster home
`,
  async run(args, io) {
    const { values, positionals } = parseFlags('import', args, {
      manifests: { type: 'string', multiple: true },
      out: { type: 'string' },
      cluster: { type: 'string' },
      renderer: { type: 'string' },
      format: { type: 'string', short: 'o' },
    }, true);
    const format = oneOf('format', values.format, FORMATS, 'text');
    const renderer = values.renderer === undefined ? undefined : oneOf('renderer', values.renderer, RENDERERS, 'cilium') === 'kubernetes' ? Renderer.KUBERNETES : Renderer.CILIUM;
    const paths = requiredList('import', 'manifests', [...(values.manifests ?? []), ...positionals], 'give the policy files or directories to import, e.g. `netpol import clusters/home --out netpol`');
    const out = requiredFlag('import', 'out', values.out, 'give the directory to write the definition to, e.g. --out netpol');
    const dir = checkOutDir(out, io.cwd);
    const clusterName = values.cluster ?? defaultClusterName(paths);
    if (values.cluster !== undefined) {
      const problem = dns1123LabelProblem(values.cluster);
      if (problem) throw new InputError(`--cluster "${values.cluster}" ${problem}.`);
    }
    // An earlier import's project inside the input (its package.json, its dist/) is not input.
    const manifests = await readManifestInputs(paths, io, filesUnder(dir));
    const result = await importManifests(manifests, { clusterName, ...(renderer === undefined ? {} : { renderer }) });
    const project = !insideProject(dir);
    const command = ['netpol import', ...paths, '--out', out, '--cluster', clusterName, ...(values.renderer === undefined ? [] : ['--renderer', values.renderer])].join(' ');
    const files = projectFiles(result.files, { clusterName, renderer: result.renderer, command, project });
    const target = { out, files: [...files.keys(), REPORT_FILE].sort(), project };
    files.set(REPORT_FILE, renderImportMarkdown(result, target, command));
    writeProject(dir, files, `--out ${out}`);
    io.stdout(format === 'json' ? renderImportJson(result, target) : renderImportText(result, target));
    return result.proof.changes.length === 0 ? 0 : 1;
  },
};

function filesUnder(dir: string): string[] {
  try {
    return (fs.readdirSync(dir, { recursive: true }) as string[]).map((file) => path.join(dir, file));
  } catch {
    return [];
  }
}

/** The input folder's name, when one folder is given and its name is a valid cluster name. */
function defaultClusterName(paths: readonly string[]): string {
  const name = paths.length === 1 && paths[0] !== '-'
    ? path.basename(path.resolve(paths[0])).replace(/\.(ya?ml|json)$/i, '').toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63)
    : '';
  return name !== '' && dns1123LabelProblem(name) === undefined ? name : 'cluster';
}
