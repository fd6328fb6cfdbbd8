#!/usr/bin/env node
// `npm version <x.y.z>` runs this (the package.json "version" script, after the bump and before
// the commit): the entries under "## [Unreleased]" of CHANGELOG.md move under "## [x.y.z] - <date>",
// as Keep a Changelog (https://keepachangelog.com/en/1.1.0/) has it, and a new empty Unreleased
// section opens above.
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The changelog with its Unreleased entries released as `version` on `date`.
 *
 * @param {string} text the changelog
 * @param {string} version the new version, e.g. `0.2.0`
 * @param {string} date the release date, `YYYY-MM-DD`
 * @returns {string} the new changelog
 */
export function releaseChangelog(text, version, date) {
  if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) throw new Error(`Not a version: ${version}`);
  if (text.includes(`## [${version}]`)) throw new Error(`CHANGELOG.md already has a section for ${version}`);
  const heading = '## [Unreleased]';
  if (!text.includes(heading)) throw new Error('CHANGELOG.md has no "## [Unreleased]" section to release');
  return text.replace(heading, `${heading}\n\n## [${version}] - ${date}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const version = process.env.npm_package_version;
  if (!version) {
    process.stderr.write('changelog-version: run through `npm version <x.y.z>` (npm_package_version is not set)\n');
    process.exit(2);
  }
  const file = new URL('../CHANGELOG.md', import.meta.url);
  fs.writeFileSync(file, releaseChangelog(fs.readFileSync(file, 'utf8'), version, new Date().toISOString().slice(0, 10)));
}
