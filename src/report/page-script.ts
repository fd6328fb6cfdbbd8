import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Where the page script bundle is: `lib/report/page.js`, built by `npm run build`
 * (`scripts/bundle-report-page.mjs`). From the compiled library it sits beside this module;
 * from the sources (tests, ts-node) it is the one in `lib/`.
 */
const CANDIDATES = [path.join(__dirname, 'page.js'), path.join(__dirname, '..', '..', 'lib', 'report', 'page.js')];

/**
 * Reads the report page's script: the flow simulator and the page's UI, bundled for the browser.
 *
 * @throws Error when the bundle is missing (a package built without `npm run build`): a bug of the installation
 */
export function readPageScript(): string {
  for (const file of CANDIDATES) {
    if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8');
  }
  throw new Error(`the report page's script is missing (looked in ${CANDIDATES.join(', ')}): run \`npm run build\`.`);
}
