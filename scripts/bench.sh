#!/usr/bin/env bash
# Runs the benchmarks of docs/benchmarks.md and keeps their output under target/benchmarks/.
#   scripts/bench.sh            everything: the JMH suite, then scripts/bench-javac.sh
#   scripts/bench.sh jmh [ARGS] only the JMH suite; ARGS go to JMH (e.g. a regex, -f 3, -i 10)
#   scripts/bench.sh javac      only the javac timing
#   scripts/bench.sh smoke      every benchmark once, briefly: checks that they still run (~2 min)
# The JMH suite is the module benchmarks/, built only under the Maven profile -Pbenchmarks.
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
[[ $# -gt 0 ]] && shift
out=target/benchmarks
mkdir -p "$out"
if [[ $what == smoke ]]; then
  mvn -B -q -ntp -Pbenchmarks -pl benchmarks -am package -DskipTests
  java -jar benchmarks/target/benchmarks.jar -f 1 -wi 0 -i 1 -r 200ms
  RUNS=1 WARMUP=0 scripts/bench-javac.sh
  exit 0
fi
if [[ $what == jmh || $what == all ]]; then
  mvn -B -q -ntp -Pbenchmarks -pl benchmarks -am package -DskipTests
  java -jar benchmarks/target/benchmarks.jar -rf json -rff "$out/jmh.json" "$@" | tee "$out/jmh.txt"
  # on a shared machine the mean suffers from other processes: the median and the best
  # iteration are printed too (needs jq)
  if command -v jq >/dev/null; then
    echo
    echo "benchmark / params / mean / error / median iteration / best iteration / unit"
    jq -r '.[] | (.primaryMetric.rawData | flatten | sort) as $r
      | [(.benchmark | sub(".*benchmarks\\."; "")), ((.params // {}) | to_entries | map(.value) | join(",") | if . == "" then "-" else . end),
         (.primaryMetric.score * 10 | round / 10), (.primaryMetric.scoreError * 10 | round / 10),
         ($r[($r | length / 2 | floor)] * 10 | round / 10), ($r[0] * 10 | round / 10), .primaryMetric.scoreUnit]
      | @tsv' "$out/jmh.json" | column -t | tee "$out/jmh-summary.txt"
  fi
fi
if [[ $what == javac || $what == all ]]; then
  if [[ -x scripts/bench-javac.sh ]]; then
    scripts/bench-javac.sh | tee "$out/javac.txt"
  else
    echo "scripts/bench-javac.sh is not there yet (it needs the annotation processor)" >&2
  fi
fi
