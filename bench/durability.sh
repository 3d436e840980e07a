#!/usr/bin/env bash
# What forcing to disk costs a flow: the engine on the same single-invoice files on three disks, made by
# preloading bench/slow-fsync.c into its JVM (fsync and fdatasync, the calls behind FileChannel.force):
#   none  nothing forced (the calls return at once): the engine without durability, the reference
#   disk  this machine's disk as it is
#   slow  each forcing waits BENCH_FSYNC_US first (default 10000 µs): a network file system or block volume,
#         where a forcing costs milliseconds (this machine's disk forces in about 0.1 ms)
# The durability cost of a flow is its run's time less the run on "none", divided by the flows. With an older
# engine's jar (BENCH_BEFORE_JAR), both engines run in turn on the same files: a change to the commit protocol is
# weighed by the cost it leaves, side by side in one run.
#
#   bash bench/durability.sh        (after mvn -B -DskipTests package; needs gcc)
#
# Settings (environment): BENCH_DIR (default target/bench), BENCH_HEAP (256m), BENCH_FILES (flows timed, 2000),
#   BENCH_FSYNC_US (10000), BENCH_ROUNDS (2), BENCH_BEFORE_JAR (none), BENCH_THREADS (chorus.intake.threads for
#   both engines; default: each engine's own default).
# Each run is a newly started engine (java -jar, the same options for both jars) on a new root, warmed with 500 other
# single files, rules off (the rules are CPU, the same on every disk); timed from the drop to the last acknowledgement.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT_DIR=$(pwd)
BENCH_DIR=${BENCH_DIR:-$ROOT_DIR/target/bench}
HEAP=${BENCH_HEAP:-256m}
FILES=${BENCH_FILES:-2000}
FSYNC_US=${BENCH_FSYNC_US:-10000}
ROUNDS=${BENCH_ROUNDS:-2}
JAR=$ROOT_DIR/target/chorus-edi.jar
[ -f "$JAR" ] || mvn -B -q -DskipTests package

RUN=$BENCH_DIR/durability
rm -rf "$RUN" && mkdir -p "$RUN"
trap 'rm -rf "$RUN"' EXIT
SHIM=$RUN/slow-fsync.so
command -v gcc >/dev/null || { echo "bench/durability.sh needs gcc (apt-get install gcc) to build bench/slow-fsync.c" >&2; exit 1; }
gcc -O2 -shared -fPIC -o "$SHIM" bench/slow-fsync.c -ldl

java -jar "$JAR" generate --shape files --syntax UBL --lines 10 --invoices "$FILES" "$RUN/flows" >/dev/null
java -jar "$JAR" generate --shape files --syntax UBL --lines 10 --invoices 500 "$RUN/warmup" >/dev/null
# The warm-up's invoices are numbered apart from the timed ones: no duplicate.
find "$RUN/warmup" -name '*.xml' -exec sed -i 's/>G-\([0-9]*\)</>W-\1</g' {} +
sync

acks() { ls "$1/ack/AAA001" 2>/dev/null | grep -c 'flux.xml$' || true; }
# Until every acknowledgement is there and the drop directory is empty; a parked flow fails the run.
wait_for() {
  local root=$1 expected=$2
  while [ "$(acks "$root")" -lt "$expected" ] || [ -n "$(ls -A "$root/in/AAA001")" ]; do
    if [ -n "$(ls -A "$root/failed" 2>/dev/null)" ]; then echo "a flow was parked in $root/failed" >&2; return 1; fi
    sleep 0.1
  done
}

# run JAR DISK: prints the seconds from the drop to the last acknowledgement.
run() {
  local jar=$1 disk=$2 wait_us
  case $disk in none) wait_us=-1 ;; disk) wait_us=0 ;; slow) wait_us=$FSYNC_US ;; esac
  # Each run keeps its root until the end: on ext4, creating files right after deleting many is several times
  # slower (see flows.sh), and each run would pay for the one before it.
  local root=$RUN/root-$engine-$disk-$round log=$RUN/engine.log
  mkdir -p "$root/directory" "$root/in/AAA001"
  cp sample-flows/directory/annuaire.csv sample-flows/directory/partenaires.csv "$root/directory/"
  cp -r "$RUN/flows" "$RUN/timed" && sync
  LD_PRELOAD=$SHIM SLOW_FSYNC_US=$wait_us java -Xmx"$HEAP" -jar "$jar" run --root "$root" \
      -Dchorus.flow.max-invoices=1000000 -Dchorus.intake.poll-delay-ms=200 -Dchorus.rules.level=off \
      ${BENCH_THREADS:+-Dchorus.intake.threads=$BENCH_THREADS} > "$log" 2>&1 &
  local pid=$!
  until grep -q "started in" "$log" 2>/dev/null; do
    kill -0 $pid 2>/dev/null || { echo "the engine did not start:" >&2; tail -5 "$log" >&2; exit 1; }
    sleep 0.2
  done
  cp "$RUN"/warmup/* "$root/in/AAA001/"
  wait_for "$root" 500
  local start=$(date +%s.%N)
  find "$RUN/timed" -name '*.xml' -exec mv -t "$root/in/AAA001/" {} +
  wait_for "$root" $((500 + FILES)) || { kill $pid; exit 1; }
  # The change time of the last acknowledgement: it is renamed into place when its flow is published.
  local last=$(find "$root/ack" -type f -printf '%C@\n' | sort -n | tail -1)
  kill $pid; wait $pid 2>/dev/null || true
  rmdir "$RUN/timed"
  sync && sleep 5
  awk -v a="$last" -v b="$start" 'BEGIN { printf "%.1f", a - b }'
}

engines="this"; [ -n "${BENCH_BEFORE_JAR:-}" ] && engines="before this"
declare -A total
for round in $(seq "$ROUNDS"); do
  for engine in $engines; do
    jar=$JAR; [ "$engine" = before ] && jar=$BENCH_BEFORE_JAR
    for disk in none disk slow; do
      s=$(run "$jar" $disk)
      echo "round $round: $engine on $disk: $s s" >&2
      total[$engine.$disk]=$(awk -v t="${total[$engine.$disk]:-0}" -v s="$s" 'BEGIN { print t + s }')
    done
  done
done

echo "$FILES single UBL files, rules off, -Xmx$HEAP, threads ${BENCH_THREADS:-default}, slow = +$FSYNC_US µs a forcing, mean of $ROUNDS rounds"
echo "| engine | disk | seconds | ms a flow | durability ms a flow |"
echo "|---|---|---|---|---|"
for engine in $engines; do
  for disk in none disk slow; do
    awk -v e=$engine -v d=$disk -v t="${total[$engine.$disk]}" -v n="${total[$engine.none]}" -v r="$ROUNDS" -v f="$FILES" \
      'BEGIN { printf "| %s | %s | %.1f | %.2f | %.2f |\n", e, d, t / r, 1000 * t / r / f, 1000 * (t - n) / r / f }'
  done
done
