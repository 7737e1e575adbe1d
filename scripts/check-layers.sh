#!/usr/bin/env bash
# Without a Docker engine: does what the Dockerfile's two stages do with the jar, and checks that the result serves.
# Extracts target/optlab.jar into its layers (build stage), copies them into one directory in the Dockerfile's order
# (runtime stage), starts JarLauncher there with OPTLAB_DATA_DIR set, and asks /actuator/health and / for answers.
# Usage: mvn -q package -DskipTests && scripts/check-layers.sh [PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-18080}
work=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
java -Djarmode=tools -jar target/optlab.jar extract --layers --launcher --destination "$work/layers"
mkdir "$work/app" "$work/data"
for layer in dependencies spring-boot-loader snapshot-dependencies application; do
    cp -r "$work/layers/$layer/." "$work/app/"
done
(cd "$work/app" && OPTLAB_DATA_DIR="$work/data" exec java -XX:MaxRAMPercentage=75 \
    org.springframework.boot.loader.launch.JarLauncher --server.port="$port" > "$work/log" 2>&1) &
pid=$!
for _ in $(seq 1 60); do
    if curl -fs "http://localhost:$port/actuator/health" > /dev/null 2>&1; then
        break
    fi
    sleep 1
done
health=$(curl -fs "http://localhost:$port/actuator/health")
page=$(curl -fs -o /dev/null -w '%{http_code}' "http://localhost:$port/")
echo "health: $health; GET /: $page; data directory: $(ls "$work/data")"
[[ $health == *'"status":"UP"'* && $page == 200 && -d $work/data/uploads ]] || { cat "$work/log"; exit 1; }
echo "the layered jar runs as the Dockerfile's runtime stage lays it out"
