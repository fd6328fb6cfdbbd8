#!/usr/bin/env bash
# Proves the library works as a package in an application repository: packs it (`npm pack`,
# which builds lib/ through `prepare`), installs the tarball into a temporary copy of
# examples/app-repo (npm install from the npm registry, nothing else), runs `cdk8s synth` there,
# the app repo's tests (in CI mode: a missing snapshot fails), and the installed `netpol` bin on
# the result.
#
#   scripts/test-app-repo.sh            # exit status 0 when everything passed
#
# KEEP=1 keeps the temporary directory for inspection.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/netpol-app-repo.XXXXXX")"
if [[ "${KEEP:-}" != 1 ]]; then trap 'rm -rf "$work"' EXIT; fi
step() { printf '\n== %s\n' "$*"; }

step "npm pack (builds lib/)"
tarball="$(cd "$root" && npm pack --silent --pack-destination "$work" | tail -n 1)"
[[ -f "$work/$tarball" ]] || { echo "npm pack produced no tarball" >&2; exit 1; }
contents="$(tar -tzf "$work/$tarball")"
unexpected="$(grep -E '^package/(test|src|examples|platform|profiles|dist|bench)/|\.test\.|fixtures' <<<"$contents" || true)"
if [[ -n "$unexpected" ]]; then echo "the package holds files it must not ship:" >&2; echo "$unexpected" >&2; exit 1; fi
grep -qx 'package/lib/index.d.ts' <<<"$contents" || { echo "the package has no lib/index.d.ts" >&2; exit 1; }

step "copy examples/app-repo next to the tarball (its package.json names file:../../$tarball)"
mkdir -p "$work/examples"
(cd "$root/examples" && tar --exclude=node_modules --exclude=dist --exclude=package-lock.json -cf - app-repo) | (cd "$work/examples" && tar -xf -)
app="$work/examples/app-repo"
if [[ "$tarball" != cdk8s-netpol-0.1.0.tgz ]]; then
  # The version moved on: point the example at the tarball just packed.
  sed -i "s#file:../../cdk8s-netpol-[^\"]*\.tgz#file:../../$tarball#" "$app/package.json"
fi

step "npm install"
(cd "$app" && npm install --no-audit --no-fund --no-package-lock --loglevel=error)

step "typecheck against the package's .d.ts"
(cd "$app" && npm run --silent typecheck)

step "cdk8s synth"
(cd "$app" && npm run --silent synth)
ls "$app/dist/homelab"

step "the app repo's tests"
(cd "$app" && CI=true npx --no-install vitest run)

step "the installed netpol bin lints the output together with the platform's (this repo's dist/homelab)"
# Alone, the app's manifests lack the baselines and profiles the platform deploys; with them, no findings.
(cd "$app" && npx --no-install netpol lint --manifests dist/homelab --manifests "$root/dist/homelab")

echo
echo "app repo OK: $(wc -l <<<"$contents") files in $tarball"
