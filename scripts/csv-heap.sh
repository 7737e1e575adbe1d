#!/bin/sh
# The CSV import's least heap (-Xmx in steps of 10 MB) and its time, for README `optlab.memory-budget-mb`.
# Run from the project root after `mvn -B -q -o compile -Dvaadin.skip`. Usage: scripts/csv-heap.sh [generate|dense]
set -e
kind=${1:-generate}
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=/tmp/cp-csv.txt
cp="target/classes:$(cat /tmp/cp-csv.txt)"
mkdir -p /tmp/csv-heap
javac -d /tmp/csv-heap -cp "$cp" scripts/CsvHeap.java
cp="/tmp/csv-heap:$cp"
file=/tmp/csv-heap/$kind.csv
[ -f "$file" ] || java -cp "$cp" CsvHeap "$kind" "$file"
ls -l "$file"
for mb in $(seq 20 10 300); do
    if java -Xmx${mb}m -cp "$cp" CsvHeap read "$file" >/tmp/csv-heap/out.txt 2>&1; then
        echo "least -Xmx: ${mb}m ($(cat /tmp/csv-heap/out.txt))"
        break
    fi
done
java -Xmx1g -cp "$cp" CsvHeap time "$file"
