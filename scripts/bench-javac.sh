#!/usr/bin/env bash
# javac with and without the toenergy processor (docs/benchmarks.md):
#  1. 100 generated @Network classes of 50 layers each (scripts/GenerateBenchNetworks.java):
#     wall time of a fresh `javac` with the processor vs with -proc:none, by hyperfine when it is
#     installed (apt-get install hyperfine), else a timed loop; target: at most 1.5x.
#     The same with estimators for one profile instead of all shipped ones.
#  2. one network of 1,000 layers: the same two javac runs, and the processor's own time inside
#     javac (scripts/TimeProcessor.java: cold first run, then warm runs in one JVM); target < 200 ms.
# Unless said otherwise, every @Network gets the estimators of all shipped profiles (the default).
# Environment: RUNS (default 10) timed runs per command, WARMUP (default 1) untimed runs first.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-10}
WARMUP=${WARMUP:-1}
work=target/bench-javac
rm -rf "$work"
mkdir -p "$work"

# the jars and the processor path, from this checkout (no mvn install)
mvn -B -q -ntp -pl processor -am package dependency:build-classpath -DskipTests \
  -DincludeScope=runtime -Dmdep.outputFile="$PWD/$work/deps.cp"
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
annotations=annotations/target/toenergy-annotations-$version.jar
runtime=runtime/core/target/toenergy-runtime-$version.jar
processor=processor/target/toenergy-processor-$version.jar
processorpath="$processor:$(cat "$work/deps.cp")"
classpath="$annotations:$runtime"   # generated estimators call the runtime

java scripts/GenerateBenchNetworks.java "$work/src"
javac -version 2>&1
echo "machine: $(nproc) cores, $(uname -m); load average $(cut -d' ' -f1-3 /proc/loadavg)"

without() { echo "javac -proc:none -cp $classpath -d $work/out-$1 $2"; }
with() { echo "javac -processorpath $processorpath -cp $classpath -d $work/out-$1 -s $work/gen-$1 $2"; }

time_pair() { # name, sources
  local name=$1 sources=$2
  mkdir -p "$work/out-$name-without" "$work/out-$name-with" "$work/gen-$name-with"
  if command -v hyperfine >/dev/null; then
    hyperfine --style basic --warmup "$WARMUP" --runs "$RUNS" \
      --prepare "rm -rf $work/out-$name-without $work/out-$name-with $work/gen-$name-with; mkdir -p $work/out-$name-without $work/out-$name-with $work/gen-$name-with" \
      --export-markdown "$work/$name.md" \
      -n "$name without processor" "$(without "$name-without" "$sources")" \
      -n "$name with processor" "$(with "$name-with" "$sources")"
  else
    for variant in without with; do
      local total=0
      for ((i = 0; i < RUNS; i++)); do
        rm -rf "$work/out-$name-$variant" "$work/gen-$name-$variant"
        mkdir -p "$work/out-$name-$variant" "$work/gen-$name-$variant"
        local start=$(date +%s%N)
        if [[ $variant == with ]]; then $(with "$name-$variant" "$sources"); else $(without "$name-$variant" "$sources"); fi
        total=$((total + $(date +%s%N) - start))
      done
      echo "$name $variant processor: mean $((total / RUNS / 1000000)) ms over $RUNS runs"
    done
  fi
}

echo; echo "== 100 networks x 50 layers"
time_pair many "$(ls $work/src/many/bench/*.java | tr '\n' ' ')"
echo "generated: $(ls $work/gen-many-with/bench | wc -l) sources"

echo; echo "== 100 networks x 50 layers, estimators for one profile"
time_pair many1 "$(ls $work/src/many1/bench/*.java | tr '\n' ' ')"

echo; echo "== one network of 1,000 layers"
time_pair big "$work/src/big/bench/Deep1000.java"

echo; echo "== the processor's own time inside javac"
java -cp "$processorpath" scripts/TimeProcessor.java "$RUNS" "$classpath" "$work/inproc-big" "$work/src/big"
java -cp "$processorpath" scripts/TimeProcessor.java "$RUNS" "$classpath" "$work/inproc-many" "$work/src/many"
java -cp "$processorpath" scripts/TimeProcessor.java "$RUNS" "$classpath" "$work/inproc-many1" "$work/src/many1"
