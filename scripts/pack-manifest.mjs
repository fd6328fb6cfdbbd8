#!/usr/bin/env node
// The package.json that goes into the tarball, without the `prepare` script.
//
// `prepare` builds lib/ for this repository's `npm ci` and for installs from a git URL (npm clones
// the repository, installs its devDependencies and runs `prepare` before packing it:
// https://docs.npmjs.com/cli/v11/using-npm/scripts#prepare-and-prepublish). A tarball already
// holds lib/, and npm never runs `prepare` from one, but npm 11 still lists the `prepare` of a
// dependency installed from a tarball file among the "install scripts not yet covered by
// allowScripts" (@npmcli/arborist lib/install-scripts.js: `prepare` counts for every
// non-registry source). So the packed manifest leaves it out:
//
//   prepack:  npm run build && node scripts/pack-manifest.mjs strip     (package.json saved aside)
//   postpack: node scripts/pack-manifest.mjs restore                     (put back byte for byte)
//
// npm re-reads package.json after `prepack` (libnpmpack runs it before pacote packs the folder),
// so the tarball gets the stripped one, and `prepare` does not run a second build. A pack that
// failed before `postpack` leaves the saved copy: the next `strip` (or `restore`) puts it back first.
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The lifecycle scripts a packed manifest leaves out. */
export const UNPACKED_SCRIPTS = ['prepare'];

/**
 * The package.json text for the tarball: `text` without the scripts of {@link UNPACKED_SCRIPTS},
 * with the two-space indentation and final newline npm writes.
 *
 * @param {string} text the package.json of the repository
 * @returns {string} the package.json for the tarball
 */
export function packedManifest(text) {
  const manifest = JSON.parse(text);
  if (manifest.scripts) {
    for (const name of UNPACKED_SCRIPTS) delete manifest.scripts[name];
  }
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = fileURLToPath(new URL('../package.json', import.meta.url));
  const saved = fileURLToPath(new URL('../.package.json.before-pack', import.meta.url));
  const command = process.argv[2];
  const restore = () => {
    if (fs.existsSync(saved)) fs.renameSync(saved, file);
  };
  if (command === 'strip') {
    restore();
    const text = fs.readFileSync(file, 'utf8');
    fs.copyFileSync(file, saved);
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, packedManifest(text));
    fs.renameSync(temporary, file);
  } else if (command === 'restore') {
    restore();
  } else {
    process.stderr.write('usage: node scripts/pack-manifest.mjs strip|restore (the prepack and postpack scripts)\n');
    process.exit(2);
  }
}
