import { checkOutFile, writeFileAtomic } from '../../docs/page-file';
import { loadSide } from '../../diff/load-side';
import { refuseDuplicateObjects } from '../../manifests/duplicates';
import { CNIS } from '../../probe/flow';
import { loadTopology } from '../../probe/topology-file';
import { renderReportHtml } from '../../report/render-html';
import { buildReportModel } from '../../report/report-model';
import { oneOf, parseFlags } from '../args';
import type { Command } from '../command';
import { requiredFlag, requiredList } from '../flag-values';
import { readManifestInputs } from '../manifest-input';

/** `netpol report`: one self-contained HTML page of what the cluster allows. */
export const reportCommand: Command = {
  name: 'report',
  summary: 'Write one HTML page of what the cluster allows (graph, matrix, ask, diff)',
  usage: `Usage: netpol report --manifests <file-or-dir>... --out <file.html>
                     [--topology <file>] [--base <dir|git-ref>] [--path <dir-in-repo>]
                     [--cni cilium|kubernetes|none] [--title <text>]

Writes one self-contained HTML page (no server, no CDN, no network: it opens from disk
and as a CI artifact) with
  Graph   namespaces grouped by profile / platform, edges for the allowed
          namespace-to-namespace flows (hover for ports), baseline flows (DNS, scrape,
          health) behind a toggle; click a namespace for its profile, access labels,
          ingress sources and egress destinations
  Matrix  the truth table for a port: namespace x namespace, or the pods of one namespace
  Ask     "can A reach B on port P?": the verdict and the deciding policies
  Changes with --base: the flows the change opens (green) and closes (red)
Every answer comes from the flow simulator of netpol probe, bundled into the page and run
there on the embedded manifests; scripts can ask it too:
window.netpolReport.ask({from, to, port, protocol}) returns the object netpol probe
--format json prints for that flow.

Options:
  --manifests <path>   manifest file or directory (repeatable; YAML/JSON, read recursively;
                       also as bare arguments; - reads standard input)
  --out <file>         the HTML file to write, atomically
  --topology <file>    the pods and externals (see netpol probe); without it, representative
                       pods are built from the Namespace manifests and the policies' selectors
  --base <dir|ref>     the manifests before a change: a directory or a git revision (read
                       under --path): the page colours opened and closed flows
  --path <dir>         the manifests' directory inside the repository, for a git --base
                       (default: the one --manifests directory)
  --cni <cni>          the enforcer to model: cilium (default), kubernetes or none
  --title <text>       the page's title (default: the --manifests paths)

Exit status: 0 written; 2 bad input.

Example:
  netpol report --manifests dist/homelab --base origin/main --out report.html
`,
  async run(args, io) {
    const { values, positionals } = parseFlags('report', args, {
      manifests: { type: 'string', multiple: true },
      out: { type: 'string' },
      topology: { type: 'string' },
      base: { type: 'string' },
      path: { type: 'string' },
      cni: { type: 'string' },
      title: { type: 'string' },
    }, true);
    const cni = oneOf('cni', values.cni, CNIS, 'cilium');
    const manifestPaths = requiredList('report', 'manifests', [...(values.manifests ?? []), ...positionals], 'give the manifest files or directories to report on, e.g. `netpol report dist/homelab --out report.html`');
    const out = requiredFlag('report', 'out', values.out, 'give the HTML file to write, e.g. --out report.html');
    const file = checkOutFile(out, io.cwd, 'report.html');
    const manifests = await readManifestInputs(manifestPaths, io, values.topology === undefined ? [] : [values.topology]);
    refuseDuplicateObjects(manifests, `--manifests ${manifestPaths.join(' ')}`);
    const topology = values.topology === undefined ? undefined : loadTopology(values.topology, io.cwd);
    const repoPath = values.path ?? (manifestPaths.length === 1 ? manifestPaths[0] : undefined);
    const base = values.base === undefined ? undefined : loadSide(values.base, { flag: 'base', cwd: io.cwd, ...(repoPath === undefined ? {} : { path: repoPath }) });
    const model = buildReportModel(manifests, {
      title: values.title ?? manifestPaths.join(' '),
      cni,
      ...(topology === undefined ? {} : { topology }),
      ...(base === undefined ? {} : { base }),
    });
    writeFileAtomic(file, renderReportHtml(model, manifests), `--out ${out}`);
    const counts = model.diff === undefined ? '' : `, ${model.diff.opened} flows opened and ${model.diff.closed} closed since ${model.diff.base}`;
    io.stdout(`Wrote ${out}: ${model.namespaces.length} namespaces${counts}.\n`);
    return 0;
  },
};
