#!/usr/bin/env bash
# Benchmark (issue 11): whole-process wall time of the command line on a 100,000-commit repository whose last version
# tag is 50,000 commits back (run-semver.sh's scenario A, same generator, same bench/data/semver-A), against C git and
# semantic-release, all measured in this one run, interleaved round by round; then `--help`.
#   bench/run-cli-start.sh [--no-build] [--runs N] [--semantic-release-runs N] [--no-semantic-release]
# Each round: C git's equivalent of `version`, `./release-ledger version`, `java -jar ... version` (no launcher levers),
# C git's equivalent of `tag`, `./release-ledger tag`, `java -jar ... tag`, `--help` both ways, and (in the first
# --semantic-release-runs rounds) semantic-release --dry-run and semantic-release's own release run (it tags and
# pushes). Medians, then the ratios. Never part of .ci/run.
#
# Where: a bare copy of semver-A as the remote (bench/data/cli-start/remote.git) and a clone of it as the working tree
# (.../work), made afresh by every run; git clones locally with hard links and keeps git gc's commit-graph, as a
# repository git maintains has. `tag` pushes to the bare remote; the tag is deleted on both sides after each run
# (not timed). The ledger of `tag` is bench/data/cli-start/ledger, sealed with a key of the run's own beside it.
#
# C git's equivalent of `version` (what the engine does, step by step, as git commands; the bump arithmetic on the
# result is left out): `git fetch --tags origin` (version reads the remote's tags first), `git status --porcelain
# --untracked-files=no` (the dirty check), `git tag --merged HEAD --sort=-v:refname -l 'v*'` with
# versionsort.suffix=- and the first strict SemVer name (the highest version HEAD reaches), `git log --format=%B
# <tag>..HEAD` read to the end and scanned for feat/fix/breaking. `tag` adds `git tag -a` and `git push origin <tag>`.
#
# semantic-release (npm package, installed once into bench/data/semantic-release; npm reaches the registry for that):
# `semantic-release --dry-run --no-ci --branches main --tag-format 'v${version}' --plugins
# @semantic-release/commit-analyzer --repository-url file://.../remote.git` in the same working tree: no network
# call (the remote is a local bare repository, no GitHub or npm plugin), it fetches tags, checks push access with a
# dry-run push, reads the commits since the last tag and prints the next version. That is the peer of `version`.
# The peer of `tag` is semantic-release's release run, which does what `tag` does: the same command without
# --dry-run and with its default plugins that need no token or network (`--plugins
# @semantic-release/commit-analyzer,@semantic-release/release-notes-generator`; the npm and github plugins publish
# elsewhere and are left out): it also writes the release's notes from the commits since the last tag (as `tag`
# records them in its ledger), creates the tag and pushes it with a git note of its channel. Its tag (v1.23.0: its
# Angular preset reads `docs!:` as no release, Conventional Commits as breaking) and the note are deleted on both sides
# after each run, like `tag`'s tag. And the same release run with commit-analyzer alone (it tags and pushes but writes
# no notes): the least semantic-release does to tag a release.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)
data="$root/bench/data"
runs=5
sr_runs=3
build=true
semantic=true
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-build) build=false ;;
    --runs) runs="$2"; shift ;;
    --semantic-release-runs) sr_runs="$2"; shift ;;
    --no-semantic-release) semantic=false ;;
    *) echo "usage: bench/run-cli-start.sh [--no-build] [--runs N] [--semantic-release-runs N] [--no-semantic-release]" >&2
       exit 2 ;;
  esac
  shift
done

if $build; then
  ./mvnw -q -B -o -Pbench -pl cli,bench -am package -DskipTests
fi
jar=$(ls "$root"/cli/target/release-ledger-cli-*.jar | head -1)
classpath="$root/bench/target/classes:$(find "$root/bench/target/lib" -name '*.jar' | sort | paste -sd:)"

mkdir -p "$data"
source_repo="$data/semver-A"
if [[ ! -f "$source_repo/.git/release-ledger-bench.info" ]]; then
  rm -rf "$source_repo"
  echo "generating $source_repo (100,000 commits) ..."
  java -cp "$classpath" io.releaseledger.bench.RepoGenerator "$source_repo" A 100000 50000
fi

area="$data/cli-start"
rm -rf "$area"
mkdir -p "$area"
git clone -q --bare "$source_repo" "$area/remote.git"
git clone -q "$area/remote.git" "$area/work"
work="$area/work"
ledger="$area/ledger"
# A key of the run's own for the ledger of `tag`: the default key file lists the ledgers it sealed, and this run's
# ledger, made afresh, would read as damaged at a path an earlier run's key had sealed.
export RELEASE_LEDGER_KEY_FILE="$area/ledger.key"
next_tag=v2.0.0 # the engine's answer on scenario A (checked below)
sr_next_tag=v1.23.0 # semantic-release's (checked after each of its release runs)

semantic_release=""
if $semantic; then
  semantic_release="$data/semantic-release/node_modules/.bin/semantic-release"
  if [[ ! -x "$semantic_release" ]]; then
    echo "installing semantic-release into $data/semantic-release (npm) ..."
    mkdir -p "$data/semantic-release"
    [[ -f "$data/semantic-release/package.json" ]] || echo '{"private": true}' > "$data/semantic-release/package.json"
    if ! (cd "$data/semantic-release" && npm install --no-audit --no-fund --loglevel=error semantic-release@24.2.9); then
      echo "semantic-release could not be installed (npm failed, see above): measured without it" >&2
      semantic_release=""
    fi
  fi
fi

semver_re='^v(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$'
git_version() {
  git -C "$work" fetch -q --tags origin
  git -C "$work" status --porcelain --untracked-files=no >/dev/null
  local base
  base=$(git -C "$work" -c versionsort.suffix=- tag --merged HEAD --sort=-v:refname -l 'v*' | grep -E "$semver_re" | head -1)
  git -C "$work" log --format=%B "$base..HEAD" | grep -cE '^(feat|fix)(\(.*\))?!?: |^[a-z]+(\(.*\))?!: |^BREAKING[ -]CHANGE' >/dev/null
}
git_tag() {
  git_version
  git -C "$work" tag -a "$next_tag" -m "release ${next_tag#v}"
  git -C "$work" push -q origin "refs/tags/$next_tag"
}
untag() {
  local tag
  for tag in "$next_tag" "$sr_next_tag"; do
    git -C "$work" tag -d "$tag" >/dev/null 2>&1 || true
    git -C "$area/remote.git" tag -d "$tag" >/dev/null 2>&1 || true
  done
  # semantic-release also pushes a note of the release's channel
  git -C "$work" update-ref -d "refs/notes/semantic-release-$sr_next_tag" >/dev/null 2>&1 || true
  git -C "$area/remote.git" update-ref -d "refs/notes/semantic-release-$sr_next_tag" >/dev/null 2>&1 || true
}
rl_version() { "$root/release-ledger" version -q -C "$work"; }
plain_version() { java -jar "$jar" version -q -C "$work"; }
rl_tag() { "$root/release-ledger" tag -q -C "$work" --ledger "$ledger"; }
plain_tag() { java -jar "$jar" tag -q -C "$work" --ledger "$ledger"; }
rl_help() { "$root/release-ledger" --help; }
plain_help() { java -jar "$jar" --help; }
semantic() {
  (cd "$work" && "$semantic_release" --dry-run --no-ci --branches main --tag-format 'v${version}' \
    --plugins @semantic-release/commit-analyzer --repository-url "file://$area/remote.git")
}
semantic_tag() {
  (cd "$work" && "$semantic_release" --no-ci --branches main --tag-format 'v${version}' \
    --plugins @semantic-release/commit-analyzer,@semantic-release/release-notes-generator \
    --repository-url "file://$area/remote.git")
}
semantic_tag_no_notes() {
  (cd "$work" && "$semantic_release" --no-ci --branches main --tag-format 'v${version}' \
    --plugins @semantic-release/commit-analyzer --repository-url "file://$area/remote.git")
}

declare -A times cpu
measure() { # name function: runs it once (the bench fails when it fails), records wall and CPU milliseconds
  local name=$1 fn=$2 TIMEFORMAT='%3R %3U %3S' took
  if ! { time "$fn" >"$area/last.out" 2>&1; } 2>"$area/time.txt"; then
    echo "$name failed:" >&2
    tail -20 "$area/last.out" >&2
    exit 1
  fi
  took=$(tail -1 "$area/time.txt")
  times[$name]+="$(awk '{printf "%d", $1 * 1000}' <<<"$took") "
  cpu[$name]+="$(awk '{printf "%d", ($2 + $3) * 1000}' <<<"$took") "
  if [[ "$fn" == semantic_tag* ]] && ! git -C "$area/remote.git" rev-parse -q --verify "refs/tags/$sr_next_tag" >/dev/null; then
    echo "$name did not push $sr_next_tag:" >&2
    tail -20 "$area/last.out" >&2
    exit 1
  fi
  [[ "$fn" == *tag* ]] && untag
  return 0
}
median() { tr ' ' '\n' <<<"$1" | grep -v '^$' | sort -n | awk '{v[NR]=$1} END {if (NR == 0) print 0; else if (NR % 2) print v[(NR+1)/2]; else print int((v[NR/2]+v[NR/2+1])/2)}'; }
minimum() { tr ' ' '\n' <<<"$1" | grep -v '^$' | sort -n | head -1; }

# Checks before timing: the same answer, and a warm-up of each (the launcher makes its class archive in its first run).
untag
answer=$(rl_version)
[[ "v$answer" == "$next_tag" ]] || { echo "release-ledger version said $answer, expected ${next_tag#v}" >&2; exit 1; }
for fn in git_version plain_version rl_version rl_tag plain_tag git_tag rl_help plain_help; do
  "$fn" >/dev/null 2>&1
  untag
done

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1), $(git --version)"
echo "repository: $work (100,000 commits, last tag v1.22.0 50,000 commits back, commit-graph present)"
for ((round = 1; round <= runs; round++)); do
  measure "C git: version equivalent" git_version
  measure "./release-ledger version" rl_version
  measure "java -jar ... version" plain_version
  measure "C git: tag equivalent" git_tag
  measure "./release-ledger tag" rl_tag
  measure "java -jar ... tag" plain_tag
  measure "./release-ledger --help" rl_help
  measure "java -jar ... --help" plain_help
  if [[ -n "$semantic_release" && $round -le $sr_runs ]]; then
    measure "semantic-release --dry-run" semantic
    measure "semantic-release release run" semantic_tag
    measure "semantic-release, no notes" semantic_tag_no_notes
  fi
  echo "round $round done (load average $(cut -d' ' -f1 /proc/loadavg))"
done

echo
printf '%-32s %10s %10s %12s   %s\n' "whole process" "median ms" "min ms" "CPU ms (med)" "wall ms of each run"
for name in "C git: version equivalent" "./release-ledger version" "java -jar ... version" "C git: tag equivalent" \
    "./release-ledger tag" "java -jar ... tag" "semantic-release --dry-run" "semantic-release release run" \
    "semantic-release, no notes" "./release-ledger --help" "java -jar ... --help"; do
  [[ -n "${times[$name]:-}" ]] || continue
  printf '%-32s %10s %10s %12s   %s\n' "$name" "$(median "${times[$name]}")" "$(minimum "${times[$name]}")" \
    "$(median "${cpu[$name]}")" "${times[$name]}"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
git_v=$(median "${times["C git: version equivalent"]}")
git_t=$(median "${times["C git: tag equivalent"]}")
rl_v=$(median "${times["./release-ledger version"]}")
rl_t=$(median "${times["./release-ledger tag"]}")
echo
echo "version / C git version      = $(ratio "$rl_v" "$git_v")x   (target <= 3x)"
echo "tag / C git tag              = $(ratio "$rl_t" "$git_t")x   (target <= 3x)"
echo "tag / C git version          = $(ratio "$rl_t" "$git_v")x"
echo "java -jar version / C git    = $(ratio "$(median "${times["java -jar ... version"]}")" "$git_v")x   (no launcher levers)"
if [[ -n "${times["semantic-release --dry-run"]:-}" ]]; then
  sr=$(median "${times["semantic-release --dry-run"]}")
  echo "semantic-release / version   = $(ratio "$sr" "$rl_v")x   (target >= 10x; its dry run, the peer of version)"
  echo "semantic-release / tag       = $(ratio "$sr" "$rl_t")x   (its dry run, which neither tags nor pushes)"
fi
if [[ -n "${times["semantic-release release run"]:-}" ]]; then
  sr_tag=$(median "${times["semantic-release release run"]}")
  echo "semantic-release tag / tag   = $(ratio "$sr_tag" "$rl_t")x   (target >= 10x; its release run: notes, tag, push)"
  echo "semantic-release tag, no notes / tag = $(ratio "$(median "${times["semantic-release, no notes"]}")" "$rl_t")x   (tag and push only)"
fi
echo "--help                       = $(median "${times["./release-ledger --help"]}") ms   (target < 300 ms)"
echo "(CPU ms: user + system of the process and its children; wall time waits for the CPU on a loaded machine)"
