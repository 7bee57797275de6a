#!/usr/bin/env bash
# Start-up of the command line: wall time of `estimate` on ResNet-50 (the notation of
# runtime/core/src/test/resources/networks/resnet50.txt), run RUNS times (default 20) after one
# warm-up run that fills the OS file cache, for each way of starting it:
#   plain     java -jar toenergy.jar ...
#   launcher  runtime/cli/target/toenergy ... (class-data-sharing archive, C1 only, serial GC)
#   version   the launcher with --version: the floor (JVM and picocli, no profile, no counting)
# Prints the median and the best wall time, and the median CPU time (user + system, all threads) in
# milliseconds: on a busy machine the CPU time stays close to what an idle one takes, the wall time
# does not. Needs /usr/bin/time, the jar and the launcher:
#   mvn -B -q package -DskipTests
# The machine should be idle: on a shared machine the median suffers from the other processes.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-20}
jar=runtime/cli/target/toenergy.jar
launcher=runtime/cli/target/toenergy
[[ -f $jar && -x $launcher ]] || { echo "bench-cli: build first: mvn -B -q package -DskipTests" >&2; exit 2; }
out=target/benchmarks
mkdir -p "$out"
net="$out/resnet50.net"
grep -v '^#' runtime/core/src/test/resources/networks/resnet50.txt > "$net"

# "wall cpu" in milliseconds for each of $runs runs of the command
time_runs() {
  "$@" > /dev/null # warm-up, and a failure stops the script
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -f '%e %U %S' -o "$out/time.txt" "$@" > /dev/null
    awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }' "$out/time.txt"
  done
}

median() {
  sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

report() {
  local name=$1
  shift
  local times
  times=$(time_runs "$@")
  printf '%-9s wall median %5d ms, best %5d ms   cpu median %5d ms   (%d runs)\n' "$name" \
    "$(cut -d' ' -f1 <<< "$times" | median)" "$(cut -d' ' -f1 <<< "$times" | sort -n | head -1)" \
    "$(cut -d' ' -f2 <<< "$times" | median)" "$runs"
}

{
  echo "toenergy estimate --profile xeon-gold-5120 @resnet50.net; $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "$(java -version 2>&1 | head -1)"
  report plain java -jar "$jar" estimate --profile xeon-gold-5120 "@$net"
  report launcher "$launcher" estimate --profile xeon-gold-5120 "@$net"
  report version "$launcher" --version
} | tee "$out/cli.txt"
