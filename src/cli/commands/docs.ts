import { checkOutFile, pageStatus, writeFileAtomic } from '../../docs/page-file';
import { buildPolicyPage } from '../../docs/policy-page';
import { renderPageJson } from '../../docs/render-json';
import { renderPageMarkdown } from '../../docs/render-markdown';
import { renderPageText } from '../../docs/render-text';
import { refuseDuplicateObjects } from '../../manifests/duplicates';
import { readManifestInputs } from '../manifest-input';
import { CNIS } from '../../probe/flow';
import { loadTopology } from '../../probe/topology-file';
import { oneOf, parseFlags } from '../args';
import type { Command } from '../command';
import { requiredList } from '../flag-values';

const FORMATS = ['markdown', 'text', 'json'] as const;

const RENDERERS = { markdown: renderPageMarkdown, text: renderPageText, json: renderPageJson };

/** Where `--check` looks when `--out` is not given. */
const DEFAULT_PAGE = 'docs/policies.md';

/** `netpol docs`: a generated page of what each namespace may send and receive. */
export const docsCommand: Command = {
  name: 'docs',
  summary: 'Generate the network-policy page (per namespace: labels, allowed ingress/egress, flowchart)',
  usage: `Usage: netpol docs --manifests <file-or-dir>... [--topology <file>] [--out <file>] [--check]
                   [--cni cilium|kubernetes|none] [--format markdown|text|json]

Generates a page listing, per namespace (sorted), its profile, access labels, whether
enforcement is disabled and whether it is a platform namespace, with "Allowed ingress" and
"Allowed egress" tables computed by the flow simulator, and a Mermaid flowchart of the
allowed namespace-to-namespace flows. The same input gives the same bytes.

Options:
  --manifests <path>   manifest file or directory (repeatable; YAML/JSON, read recursively)
  --topology <file>    the pods and externals (see netpol probe); without it, representative
                       pods are built from the Namespace manifests and the policies' selectors
  --out <file>         write the page there, atomically (default: print it)
  --check              compare with the file of --out (default ${DEFAULT_PAGE}) and exit 1
                       if it is stale or missing; writes nothing
  --cni <cni>          the enforcer to model: cilium (default), kubernetes or none
  -o, --format <fmt>   markdown (default), text or json

Exit status: 0 written or up to date, 1 stale (--check), 2 bad input.

Example (one cluster's folder: dist/ holds one folder per cluster):
  netpol docs --manifests dist/homelab --topology topology.yaml --out docs/policies.md
`,
  async run(args, io) {
    const { values, positionals } = parseFlags('docs', args, {
      manifests: { type: 'string', multiple: true },
      topology: { type: 'string' },
      out: { type: 'string' },
      check: { type: 'boolean' },
      cni: { type: 'string' },
      format: { type: 'string', short: 'o' },
    }, true);
    const cni = oneOf('cni', values.cni, CNIS, 'cilium');
    const format = oneOf('format', values.format, FORMATS, 'markdown');
    const manifestPaths = requiredList('docs', 'manifests', [...(values.manifests ?? []), ...positionals], 'give the manifest files or directories to document, e.g. `netpol docs dist/homelab`');
    const out = values.out ?? (values.check ? DEFAULT_PAGE : undefined);
    // The header names the generating command; --check is left out so checking compares equal bytes.
    const command = ['netpol docs', ...manifestPaths.map((m) => `--manifests ${m}`),
      ...(values.topology === undefined ? [] : [`--topology ${values.topology}`]),
      ...(values.cni === undefined ? [] : [`--cni ${cni}`]),
      ...(values.format === undefined ? [] : [`--format ${format}`]),
      ...(out === undefined ? [] : [`--out ${out}`])].join(' ');
    const manifests = await readManifestInputs(manifestPaths, io);
    refuseDuplicateObjects(manifests, `--manifests ${manifestPaths.join(' ')}`);
    const topology = values.topology === undefined ? undefined : loadTopology(values.topology, io.cwd);
    const text = RENDERERS[format](buildPolicyPage(manifests, { command, cni, ...(topology === undefined ? {} : { topology }) }));
    if (out === undefined) {
      io.stdout(text);
      return 0;
    }
    // Else --check would call a directory "missing" and writing would fail half-way or replace a link.
    const file = checkOutFile(out, io.cwd, 'policies.md');
    if (values.check) {
      const status = pageStatus(file, text);
      if (status === 'up-to-date') {
        io.stdout(`${out} is up to date.\n`);
        return 0;
      }
      io.stdout(`${out} is ${status === 'missing' ? 'missing' : 'stale'}: run \`${command}\` to update it.\n`);
      return 1;
    }
    writeFileAtomic(file, text, `--out ${out}`);
    io.stdout(`Wrote ${out}.\n`);
    return 0;
  },
};
