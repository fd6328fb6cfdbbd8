import * as fs from 'node:fs';
import * as path from 'node:path';
import { diffFlows } from '../../diff/diff-flows';
import { loadSide } from '../../diff/load-side';
import { renderDiffJson } from '../../diff/render-json';
import { renderDiffMarkdown } from '../../diff/render-markdown';
import { renderDiffText } from '../../diff/render-text';
import { CNIS } from '../../probe/flow';
import { emptyTopology } from '../../probe/topology';
import { loadTopology } from '../../probe/topology-file';
import { oneOf, parseFlags } from '../args';
import type { Command } from '../command';
import { requiredFlag } from '../flag-values';
import { PLATFORM_CONTRACT_FLAG, readPlatformContractFlag } from '../platform-contract-flag';
import { withPlatform } from './probe';

const FORMATS = ['text', 'json', 'markdown'] as const;

const RENDERERS = { text: renderDiffText, json: renderDiffJson, markdown: renderDiffMarkdown };

/** `netpol diff`: the flows a change opens and closes, decided by the simulator. */
export const diffCommand: Command = {
  name: 'diff',
  summary: 'List the flows a policy change opens and closes',
  usage: `Usage: netpol diff --base <dir|git-ref> --head <dir|git-ref> [--topology <file>]
                   [--cni cilium|kubernetes|none] [--format text|json|markdown] [--path <dir-in-repo>]
                   [--platform-contract <file>]

Lists the flows (namespace/pod -> peer:port/proto) that a change opens and closes, grouped
by source namespace, with the policies that decide them. Every pod group of the topology,
its externals, external:world and entity:host/health/kube-apiserver are checked on every
port the policies of either side name, the destination's own ports and one other port;
the flow simulator decides each flow on both sides. Namespaces the manifests name but the
topology lacks get representative pods (and a note says so).

Options:
  --base <dir|ref>    the manifests before the change: a directory, or a git revision of the
                      repository in the current directory (commit, branch, tag, origin/main,
                      HEAD~1, A...B for the merge base), read under --path without a checkout
  --head <dir|ref>    the manifests after the change, likewise
  --topology <file>   the namespaces, pods and externals (docs/topology.md); without it, every
                      namespace gets representative pods built from the manifests
  --path <dir>        the directory of manifests inside the repository, for git revisions
                      (default: --head when it is a directory, e.g. dist/homelab; else dist)
  --cni <cni>         the enforcer to model: cilium (default), kubernetes or none
  --platform-contract <file>
                      an app repo's check: the platform repo's dist/<cluster>/platform.json; its
                      baselines, profiles, shared services and platform namespaces join both
                      sides, so the flows are decided as the cluster will (docs/platform-contract.md)
  -o, --format <fmt>  text (default), json, or markdown (a PR comment: a summary by cause and
                      by namespace pair and port, flows collapsed, at most 60,000 characters)

Exit status: 0 no flow changes, 1 flows opened or closed, 2 bad input.

Example (one cluster's folder: dist/ holds one folder per cluster):
  netpol diff --base origin/main --head dist/homelab --topology topology.yaml --format markdown
`,
  async run(args, io) {
    const { values } = parseFlags('diff', args, {
      base: { type: 'string' },
      head: { type: 'string' },
      topology: { type: 'string' },
      path: { type: 'string' },
      cni: { type: 'string' },
      format: { type: 'string', short: 'o' },
      ...PLATFORM_CONTRACT_FLAG,
    });
    const cni = oneOf('cni', values.cni, CNIS, 'cilium');
    const format = oneOf('format', values.format, FORMATS, 'text');
    const [baseSpec, headSpec] = (['base', 'head'] as const).map((flag) => requiredFlag('diff', flag, values[flag]));
    // Without a topology every namespace gets representative pods (a note lists them), as in docs.
    const topology = values.topology === undefined ? emptyTopology() : loadTopology(values.topology, io.cwd);
    // A pull request compares one cluster's folder with a revision: the folder is where to read the revision too.
    const repoPath = values.path ?? (isDirectory(path.resolve(io.cwd, headSpec)) ? headSpec : undefined);
    const contractFile = values['platform-contract'];
    const platform = readPlatformContractFlag(contractFile, io.cwd)?.manifests;
    // The platform is the same on both sides: the change is the app's.
    const [base, head] = ([['base', baseSpec], ['head', headSpec]] as const).map(([flag, spec]) => {
      const side = loadSide(spec, { flag, cwd: io.cwd, path: repoPath });
      return { ...side, manifests: withPlatform(side.manifests, platform, contractFile) };
    });
    const diff = diffFlows(base, head, topology, { cni });
    io.stdout(RENDERERS[format](diff));
    return diff.changes.length > 0 ? 1 : 0;
  },
};

function isDirectory(file: string): boolean {
  return fs.statSync(file, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
