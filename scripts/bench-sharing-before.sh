#!/usr/bin/env bash
# Runs SharingBenchmark's measurement against the store before the sharing service, for the README's "before" figures:
# checks out BASE (default: the parent of the commit that introduced org.optlab.sharing) into a temporary worktree,
# copies scripts/sharing-benchmark-before/StoreBenchmark.java into its tests and runs it there with Maven.
# Usage: scripts/bench-sharing-before.sh [BASE] [REPEAT]   (prints, and keeps the report in /tmp/store-benchmark-before.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-$(git log --format=%H --diff-filter=A -1 -- src/main/java/org/optlab/sharing/SharingService.java)^}
repeat=${2:-1}
tmp=$(mktemp -d /tmp/optlab-before.XXXXXX)
git worktree add -q --detach "$tmp" "$base"
trap 'git worktree remove --force "$tmp"' EXIT
cp scripts/sharing-benchmark-before/StoreBenchmark.java "$tmp/src/test/java/org/optlab/experiment/"
(cd "$tmp" && mvn -B -q test -Dvaadin.skip -Dtest=StoreBenchmark -Dbench.repeat="$repeat")
cp "$tmp/target/store-benchmark-before.txt" /tmp/store-benchmark-before.txt
cat /tmp/store-benchmark-before.txt
