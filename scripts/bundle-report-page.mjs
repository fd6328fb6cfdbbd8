#!/usr/bin/env node
// Bundles the report page's script (src/report/browser/page.ts: the flow simulator plus the page's
// UI) into one browser IIFE, lib/report/page.js, which `netpol report` inlines into every page.
// Run by `npm run build` (so `prepare` and git installs get it) and by the test suite's global setup.
//
//   node scripts/bundle-report-page.mjs [outfile]     # default: lib/report/page.js
import { build } from 'esbuild';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Node built-ins the simulator's modules import for reading files, which the page never does. */
const nodeStubs = {
  name: 'node-stubs',
  setup(b) {
    b.onResolve({ filter: /^(node:)?(fs|path)$/ }, (args) => ({ path: args.path, namespace: 'node-stub' }));
    b.onLoad({ filter: /.*/, namespace: 'node-stub' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

/**
 * Bundles the page script.
 *
 * @param {string} outfile where to write it
 */
export async function bundleReportPage(outfile = path.join(root, 'lib', 'report', 'page.js')) {
  await build({
    entryPoints: [path.join(root, 'src', 'report', 'browser', 'page.ts')],
    outfile,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    legalComments: 'eof',
    charset: 'utf8',
    logLevel: 'warning',
    plugins: [nodeStubs],
  });
  return outfile;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await bundleReportPage(process.argv[2] ? path.resolve(process.argv[2]) : undefined);
}
