#!/usr/bin/env bash
# The three ways to install cdk8s-netpol, each from a fresh folder, as README.md "Installing" says:
#
#   1. from a tarball: examples/app-repo's README commands, exactly (they are read out of it), in a
#      clean clone: the library's `npm ci && npm pack`, then the app repo's npm install, synth,
#      tests and `netpol lint` with the platform contract; then its typecheck against the package's
#      .d.ts;
#   2. from a git URL (`git+file://` of the clean clone: npm clones it, installs its devDependencies
#      and builds lib/ through `prepare`; nothing but the npm registry is asked);
#   3. from the registry, once published: `npm publish --dry-run` in the clean clone;
#
# and then a release in the clone: `npm version` bumps package.json, the CHANGELOG and the example.
#
# Every install must print no npm "install-scripts" warning (npm 11 lists the dependencies whose
# install scripts no allowScripts entry covers): the package brings none. Each consumer checks the
# package's surface: `import 'cdk8s-netpol'` is the public API (no processIo, no compareText) and
# deep imports such as `cdk8s-netpol/lib/index` are refused.
#
#   scripts/test-install.sh        # exit status 0 when everything passed
#
# The clean clone is of HEAD; uncommitted changes to files git knows or would add are committed on
# top of it in the clone (never in this repository). KEEP=1 keeps the temporary folder.
set -euo pipefail
# The npm cache answers without asking the registry whether each package changed (the commands
# stay exactly the README's; what npm installs is the same).
export npm_config_prefer_offline=true

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/netpol-install.XXXXXX")"
if [[ "${KEEP:-}" != 1 ]]; then trap 'rm -rf "$work"' EXIT; fi
step() { printf '\n== %s  (%ss)\n' "$*" "$SECONDS"; }
# No "npm warn install-scripts" (or any other unexpected warning) in a log.
no_install_scripts_warning() {
  if grep -n 'install-scripts' "$1"; then
    echo "$2: npm lists install scripts (above); the package must need none" >&2
    exit 1
  fi
}
# The installed package from a consumer's folder ($1): the public entry, no internals, no deep
# imports; $2 says whether its package.json may keep `prepare` (a git install packs the clone as it is).
check_surface() {
  (cd "$1" && PREPARE="$2" node -e '
    const assert = require("node:assert");
    const netpol = require("cdk8s-netpol");
    for (const name of ["NetpolCluster", "AppNamespace", "PlatformReference", "Peer", "Port", "synthesizeMain", "lint", "Simulator"]) assert.ok(netpol[name], `cdk8s-netpol exports ${name}`);
    for (const name of ["processIo", "compareText", "main"]) assert.strictEqual(netpol[name], undefined, `cdk8s-netpol must not export ${name}`);
    for (const deep of ["cdk8s-netpol/lib/index", "cdk8s-netpol/lib/index.js", "cdk8s-netpol/lib/cli/io.js", "cdk8s-netpol/src/public"]) {
      assert.throws(() => require(deep), (e) => e.code === "ERR_PACKAGE_PATH_NOT_EXPORTED", `${deep} must not be importable`);
    }
    const pkg = require("cdk8s-netpol/package.json");
    if (process.env.PREPARE === "none") assert.strictEqual(pkg.scripts?.prepare, undefined, "the installed package.json has no prepare script");
    console.log(`cdk8s-netpol ${pkg.version}: ${Object.keys(netpol).length} runtime exports, no internals, deep imports refused`);
  ')
  (cd "$1" && npx --no-install netpol --version)
}

step "a clean clone of the repository"
repo="$work/cdk8s-netpol"
commit=HEAD
if [[ -n "$(git -C "$root" status --porcelain)" ]]; then
  # Test what is in the working tree: commit it aside (a temporary index; no ref or file changes
  # here), then clone: a local clone copies every object, that commit's too.
  index="$work/index"
  cp "$(git -C "$root" rev-parse --path-format=absolute --git-path index)" "$index"
  GIT_INDEX_FILE="$index" git -C "$root" add -A
  tree="$(GIT_INDEX_FILE="$index" git -C "$root" write-tree)"
  commit="$(git -C "$root" -c user.name=test-install -c user.email=test-install@localhost commit-tree "$tree" -p HEAD -m 'uncommitted changes (scripts/test-install.sh)')"
  echo "with the working tree's uncommitted changes on top of HEAD"
fi
git clone --quiet "$root" "$repo"
git -C "$repo" checkout --quiet -B test-install "$commit"
git -C "$repo" log --oneline -1

step "1. tarball: examples/app-repo/README.md's commands, exactly"
app="$repo/examples/app-repo"
commands="$(awk '/^```sh$/ { inside = 1; next } /^```$/ && inside { exit } inside' "$app/README.md")"
[[ -n "$commands" ]] || { echo "examples/app-repo/README.md has no \`\`\`sh block" >&2; exit 1; }
printf '%s\n' "$commands"
(cd "$app" && bash -euo pipefail -c "$commands") 2>&1 | tee "$work/app-repo.log"
no_install_scripts_warning "$work/app-repo.log" "examples/app-repo"
tarball="$(ls "$repo"/cdk8s-netpol-*.tgz)"
contents="$(tar -tzf "$tarball")"
unexpected="$(grep -E '^package/(test|src|examples|platform|profiles|dist|bench|scripts|api)/|^package/lib/index\.|\.test\.|fixtures' <<<"$contents" || true)"
if [[ -n "$unexpected" ]]; then echo "the package holds files it must not ship:" >&2; echo "$unexpected" >&2; exit 1; fi
grep -qx 'package/lib/public.d.ts' <<<"$contents" || { echo "the package has no lib/public.d.ts" >&2; exit 1; }
[[ -z "$(git -C "$repo" status --porcelain -- package.json)" ]] || { echo "npm pack left package.json changed" >&2; exit 1; }

step "1. tarball: the app repo type-checks against the package's .d.ts; the package's surface"
(cd "$app" && npm run --silent typecheck)
check_surface "$app" none

step "2. git URL: npm install git+file://...#<commit> in an empty folder"
sha="$(git -C "$repo" rev-parse HEAD)"
consumer="$work/from-git"
mkdir "$consumer"
node -e '
  const [file, url, root] = process.argv.slice(1);
  const peers = require(`${root}/package.json`).peerDependencies;
  require("node:fs").writeFileSync(file, JSON.stringify({ name: "from-git", private: true, dependencies: { "cdk8s-netpol": url, ...peers } }, null, 2));
' "$consumer/package.json" "git+file://$repo#$sha" "$repo"
(cd "$consumer" && npm install --no-audit --no-fund) 2>&1 | tee "$work/from-git.log"
[[ -f "$consumer/node_modules/cdk8s-netpol/lib/public.js" ]] || { echo "the git install has no lib/: prepare did not build it" >&2; exit 1; }
check_surface "$consumer" kept

step "3. registry: npm publish --dry-run (no registry credentials here: npm says so, and that is the only warning allowed)"
(cd "$repo" && npm publish --dry-run) > "$work/publish.log" 2>&1 || { cat "$work/publish.log"; exit 1; }
grep -v -E '^npm notice [0-9.]+k?B +lib/' "$work/publish.log"
warnings="$(grep -E '^npm (warn|WARN|error|ERR)' "$work/publish.log" | grep -v 'This command requires you to be logged in' || true)"
if [[ -n "$warnings" ]]; then echo "npm publish --dry-run warns:" >&2; echo "$warnings" >&2; exit 1; fi
[[ -z "$(git -C "$repo" status --porcelain)" ]] || { git -C "$repo" status --short; echo "npm publish --dry-run left the checkout changed" >&2; exit 1; }

step "releasing: npm version <x.y.z> commits and tags package.json, the CHANGELOG's new section and the example's tarball"
(cd "$repo" && git config user.name test-install && git config user.email test-install@localhost && npm version 9.8.7 >/dev/null)
[[ "$(git -C "$repo" tag --points-at HEAD)" == v9.8.7 ]] || { echo "npm version made no tag v9.8.7" >&2; exit 1; }
[[ "$(git -C "$repo" show --name-only --format= HEAD | sort | tr '\n' ' ')" == "CHANGELOG.md examples/app-repo/package.json package-lock.json package.json " ]] \
  || { git -C "$repo" show --stat HEAD; echo "npm version committed other files than expected" >&2; exit 1; }
grep -qE '^## \[9\.8\.7\] - [0-9]{4}-[0-9]{2}-[0-9]{2}$' "$repo/CHANGELOG.md" || { echo "CHANGELOG.md has no section for 9.8.7" >&2; exit 1; }
grep -q '"file:../../cdk8s-netpol-9.8.7.tgz"' "$app/package.json" || { echo "examples/app-repo still names the old tarball" >&2; exit 1; }
[[ -z "$(git -C "$repo" status --porcelain)" ]] || { git -C "$repo" status --short; echo "npm version left changes behind" >&2; exit 1; }

echo
echo "install paths OK in ${SECONDS}s: tarball ($(wc -l <<<"$contents") files), git URL, publish --dry-run"
