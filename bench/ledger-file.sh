#!/usr/bin/env bash
# How large the embedded H2 file grows: one engine, rounds of single-invoice files (rules off), each round followed by
# an idle pause longer than H2's RETENTION_TIME (45 s: H2 frees no chunk younger than that). Prints the file's size
# after each round, after each pause and after the stop, then how much of it is live (H2's MVStoreTool -info); with
# the engine's CPU seconds (and its H2 upkeep thread's) and the bytes it wrote a flow (its files and H2's) in each round.
# With an older engine's jar (BENCH_BEFORE_JAR), both engines run in turn on the same files, the older one first.
#
#   bash bench/ledger-file.sh        (after mvn -B -DskipTests package)
#
# Settings (environment): BENCH_DIR (default target/bench), BENCH_HEAP (256m), BENCH_FILES (a round, 5000),
#   BENCH_ROUNDS (3), BENCH_IDLE_S (60), BENCH_BEFORE_JAR (none).
# Each round's invoices are numbered apart (no duplicate); each engine runs on a new root; the seconds a round took
# are printed too, but this is not a timing: flows.sh and durability.sh time the engine.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT_DIR=$(pwd)
BENCH_DIR=${BENCH_DIR:-$ROOT_DIR/target/bench}
HEAP=${BENCH_HEAP:-256m}
FILES=${BENCH_FILES:-5000}
ROUNDS=${BENCH_ROUNDS:-3}
IDLE_S=${BENCH_IDLE_S:-60}
JAR=$ROOT_DIR/target/chorus-edi.jar
[ -f "$JAR" ] || mvn -B -q -DskipTests package
H2_JAR=$(ls "$ROOT_DIR"/target/lib/h2-*.jar)

RUN=$BENCH_DIR/ledger-file
rm -rf "$RUN" && mkdir -p "$RUN"
trap 'rm -rf "$RUN"' EXIT
java -jar "$JAR" generate --shape files --syntax UBL --lines 10 --invoices "$FILES" "$RUN/flows" >/dev/null

acks() { ls "$1/ack/AAA001" 2>/dev/null | grep -c 'flux.xml$' || true; }
kb() { du -k "$1/db/chorus-edi.mv.db" | cut -f1; }
# The CPU seconds of the engine's H2 upkeep thread so far (jcmd's thread dump; 0 for an engine without it).
upkeep_cpu() {
  jcmd "$1" Thread.print 2>/dev/null | awk '/^"chorus-h2-upkeep"/ { if (match($0, /cpu=[0-9.]+ms/)) ms = substr($0, RSTART + 4, RLENGTH - 6) }
    END { printf "%.1f", ms / 1000 }'
}
# The bytes the JVM had written to disk so far (/proc/<pid>/io): its files and H2's.
written() { awk '/^write_bytes/ { print $2 }' "/proc/$1/io"; }
# The JVM's CPU seconds (user and system, /proc/<pid>/stat) so far, or since $2.
cpu() { awk -v hz="$(getconf CLK_TCK)" -v since="${2:-0}" '{ printf "%.1f", ($14 + $15) / hz - since }' "/proc/$1/stat"; }

# run NAME JAR: the rounds on a new root.
run() {
  local name=$1 jar=$2 root=$RUN/root-$1 log=$RUN/engine-$1.log pid r t0 c0 w0 u0
  mkdir -p "$root/directory" "$root/in/AAA001"
  cp sample-flows/directory/annuaire.csv sample-flows/directory/partenaires.csv "$root/directory/"
  java -Xmx"$HEAP" -jar "$jar" run --root "$root" -Dchorus.flow.max-invoices=1000000 \
    -Dchorus.intake.poll-delay-ms=200 -Dchorus.rules.level=off >"$log" 2>&1 &
  pid=$!
  until grep -q "started in" "$log" 2>/dev/null; do kill -0 $pid || { cat "$log" >&2; return 1; }; sleep 0.2; done
  for r in $(seq 1 "$ROUNDS"); do
    rm -rf "$RUN/drop" && cp -r "$RUN/flows" "$RUN/drop"
    find "$RUN/drop" -name '*.xml' -exec sed -i "s/>G-\([0-9]*\)</>R$r-\1</g" {} +
    t0=$(date +%s) c0=$(cpu $pid) w0=$(written $pid) u0=$(upkeep_cpu $pid)
    find "$RUN/drop" -name '*.xml' -exec mv -t "$root/in/AAA001/" {} +
    while [ "$(acks "$root")" -lt $((r * FILES)) ] || [ -n "$(ls -A "$root/in/AAA001")" ]; do
      if [ -n "$(ls -A "$root/failed" 2>/dev/null)" ]; then echo "a flow was parked in $root/failed" >&2; return 1; fi
      sleep 1
    done
    printf '%-8s round %d: %6d flows in all, %4d s, %6.1f CPU s (upkeep %4.1f), %4d KB written a flow, file %8d KB\n' \
      "$name" "$r" $((r * FILES)) $(($(date +%s) - t0)) "$(cpu $pid "$c0")" "$(awk -v a="$(upkeep_cpu $pid)" -v b="$u0" 'BEGIN { print a - b }')" \
      $(( ($(written $pid) - w0) / 1024 / FILES )) "$(kb "$root")"
    c0=$(cpu $pid) u0=$(upkeep_cpu $pid)
    sleep "$IDLE_S"
    printf '%-8s round %d + %d s idle:%18s %6.1f CPU s (upkeep %4.1f), %25s file %8d KB\n' "$name" "$r" "$IDLE_S" "" \
      "$(cpu $pid "$c0")" "$(awk -v a="$(upkeep_cpu $pid)" -v b="$u0" 'BEGIN { print a - b }')" "" "$(kb "$root")"
  done
  kill $pid && wait $pid || true
  printf '%-8s after the stop: file %d KB; ' "$name" "$(kb "$root")"
  java -cp "$H2_JAR" org.h2.mvstore.MVStoreTool -info "$root/db/chorus-edi.mv.db" 2>&1 \
    | grep -E '^Chunk fill rate:' | tr '\n' ' '
  echo
  rm -rf "$root"
}

[ -n "${BENCH_BEFORE_JAR:-}" ] && run before "$BENCH_BEFORE_JAR"
run engine "$JAR"
