#!/usr/bin/env bash
# Runs the benchmarks of docs/benchmarks.md and keeps their output under target/benchmarks/.
#   scripts/bench.sh            everything: the JMH suite, then scripts/bench-javac.sh
#   scripts/bench.sh jmh [ARGS] only the JMH suite; ARGS go to JMH (e.g. a regex, -f 3, -i 10)
#   scripts/bench.sh javac      only the javac timing
# The JMH suite is the module benchmarks/, built only under the Maven profile -Pbenchmarks.
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
[[ $# -gt 0 ]] && shift
out=target/benchmarks
mkdir -p "$out"
if [[ $what == jmh || $what == all ]]; then
  mvn -B -q -ntp -Pbenchmarks -pl benchmarks -am package -DskipTests
  java -jar benchmarks/target/benchmarks.jar -rf json -rff "$out/jmh.json" "$@" | tee "$out/jmh.txt"
fi
if [[ $what == javac || $what == all ]]; then
  if [[ -x scripts/bench-javac.sh ]]; then
    scripts/bench-javac.sh | tee "$out/javac.txt"
  else
    echo "scripts/bench-javac.sh is not there yet (it needs the annotation processor)" >&2
  fi
fi
