#!/usr/bin/env bash
# A newcomer's first build and first page, measured from fresh clones (README, "The frontend bundle").
#
#   scripts/first-run.sh [REPOSITORY [BRANCH [PORT]]]     (defaults: this repository, its current branch, 18080)
#
# 1. clones REPOSITORY into a new directory and times `mvn -B package -DskipTests` there;
# 2. clones it again and times `mvn spring-boot:run` (the README's run command, on PORT) until GET / answers 200
#    with the lab's page (the one that loads VAADIN/build/...), then stops it.
# Each step gets an empty npm cache of its own (npm_config_cache), as on a newcomer's machine; Maven uses ~/.m2 as
# it is.
# Each step says whether Vaadin reused the committed bundle or ran npm install and Vite.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
repo="${1:-$here}"
branch="${2:-$(git -C "$here" rev-parse --abbrev-ref HEAD)}"
port="${3:-18080}"
work="$(mktemp -d /tmp/optlab-first-run.XXXXXX)"
echo "clones of $repo ($branch) in $work; load average: $(cut -d' ' -f1-3 /proc/loadavg)"

frontend_lines() {
    grep -E "bundle build is|Detected|Running .npm install|Running Vite|Build frontend completed" "$1" | sed 's/^/    /' || true
}

git clone -q -b "$branch" "$repo" "$work/package"
start=$(date +%s.%N)
(cd "$work/package" && npm_config_cache="$work/npm-cache-package" mvn -B package -DskipTests > "$work/package.log" 2>&1) \
    || { echo "mvn package failed, see $work/package.log"; exit 1; }
echo "mvn -B package -DskipTests: $(printf '%.0f' "$(echo "$(date +%s.%N) - $start" | bc)") s"
frontend_lines "$work/package.log"

git clone -q -b "$branch" "$repo" "$work/run"
start=$(date +%s.%N)
(cd "$work/run" && PORT="$port" npm_config_cache="$work/npm-cache-run" exec setsid mvn -B spring-boot:run > "$work/run.log" 2>&1) &
mvn_pid=$!
trap 'kill -TERM -- -"$mvn_pid" 2>/dev/null || true' EXIT
until curl -sf "http://localhost:$port/" 2>/dev/null | grep -q 'VAADIN/build/'; do
    kill -0 "$mvn_pid" 2>/dev/null || { echo "mvn spring-boot:run stopped, see $work/run.log"; exit 1; }
    sleep 0.5
done
echo "mvn spring-boot:run until the first page: $(printf '%.0f' "$(echo "$(date +%s.%N) - $start" | bc)") s"
frontend_lines "$work/run.log"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); logs in $work"
