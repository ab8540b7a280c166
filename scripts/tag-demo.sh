#!/usr/bin/env bash
# Shows the main job on a throwaway repository: a few conventional commits, a bare remote over file://,
# then `release-ledger tag` computes, tags and pushes the next version. Nothing outside a temp dir changes.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export RELEASE_LEDGER_HOME="$work/ledger"   # keep the demo's ledger out of ~/.release-ledger

git init -q --bare "$work/remote.git"
git init -q -b main "$work/app"
cd "$work/app"
git config user.name "Demo" && git config user.email "demo@example.invalid"
git remote add origin "$work/remote.git"
commit() { echo "$1" >> CHANGES; git add CHANGES; git commit -q -m "$1"; }

commit "feat: first screen"
git tag -a v1.0.0 -m "v1.0.0" && git push -q origin main v1.0.0
commit "fix: typo on the login page"
commit "feat(cart): remember the cart between visits"
commit "chore: update build image"

echo "== commits since v1.0.0"; git log --format='   %s' v1.0.0..HEAD
echo "== ./release-ledger version";  "$root/release-ledger" version -C "$work/app"
echo "== ./release-ledger tag";      "$root/release-ledger" tag -C "$work/app"
echo "== tags on the remote";        git ls-remote --tags "$work/remote.git" | sed 's/^/   /'
echo "== again (idempotent)";        "$root/release-ledger" tag -C "$work/app"
echo "== the ledger recorded it";     "$root/release-ledger" history --application app
echo "== and its hash chain";         "$root/release-ledger" verify --application app
