#!/usr/bin/env node
// `npm version <x.y.z>` runs this (the package.json "version" script, after the bump and before
// the commit): examples/app-repo/package.json names the tarball `npm pack` writes,
// `file:../../cdk8s-netpol-<version>.tgz`, so its README's commands keep working after the bump.
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const TARBALL = /"file:\.\.\/\.\.\/cdk8s-netpol-[^"]*\.tgz"/g;

/**
 * The example app repo's package.json with its cdk8s-netpol dependency on the tarball of `version`.
 *
 * @param {string} text examples/app-repo/package.json
 * @param {string} version the new version, e.g. `0.2.0`
 * @returns {string} the new package.json
 */
export function exampleManifest(text, version) {
  if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) throw new Error(`Not a version: ${version}`);
  if ((text.match(TARBALL) ?? []).length !== 1) throw new Error('examples/app-repo/package.json names no "file:../../cdk8s-netpol-<version>.tgz" dependency (or more than one)');
  return text.replace(TARBALL, `"file:../../cdk8s-netpol-${version}.tgz"`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const version = process.env.npm_package_version;
  if (!version) {
    process.stderr.write('example-version: run through `npm version <x.y.z>` (npm_package_version is not set)\n');
    process.exit(2);
  }
  const file = new URL('../examples/app-repo/package.json', import.meta.url);
  fs.writeFileSync(file, exampleManifest(fs.readFileSync(file, 'utf8'), version));
}
