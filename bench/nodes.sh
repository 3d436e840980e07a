#!/usr/bin/env bash
# Benchmark of several nodes (issue 14, docs/operators/cluster.md): flows per minute of one engine on
# PostgreSQL (not in cluster mode: the baseline, in the same run) and of 1, 2 and 3 nodes in cluster mode, on one
# PostgreSQL database and one root, all on this machine. It has two cores: what this measures is the cost of cluster
# mode and whether every flow is still decided once, not scaling.
#
#   bash bench/nodes.sh                 (run it under the shared lock: flock /tmp/chorus-heavy.lock bash bench/nodes.sh)
#
# Expects the jar built (mvn -B -o -q package -DskipTests; like flows.sh, it builds it only if it is missing) and
# PostgreSQL's server binaries (/usr/lib/postgresql/*/bin, Debian's postgresql package, as .ci/run installs it).
# It starts a throwaway PostgreSQL server of its own (initdb in a temporary folder, run as the user postgres, on a
# free port of 127.0.0.1), stopped and deleted when the script ends.
#
# One set of flows is generated once, then dropped, the same bytes, into each run:
#   BENCH_NODE_FILES single-invoice files (UBL and CII mixed, 10 lines) and BENCH_NODE_BATCHES batches of
#   BENCH_BATCH_INVOICES invoices, spread over the partners BENCH_PARTNERS (each connected in emission for the
#   generated invoices' supplier); every invoice its own number, so that every flow is delivered (status 92).
# Each run (BENCH_NODES: "single" is the baseline, a number is that many nodes in cluster mode) gets a new database
# (CREATE DATABASE) and a new root with the sample directory and a partners file naming those partners; its engines
# are started on the empty root and waited for (ready, the directory imported): their start-up is not timed. Then
# the flows are renamed into in/<partner>/ (from a copy on the same file system: each file appears whole) and the
# clock starts; it stops at the last acknowledgement, original or delivery written (the latest change time under
# ack/, archive/, rejected/, out/), once every flow has its acknowledgement and in/ and work/ are empty.
# Reported per run: flows, invoices, seconds, flows/min, invoices/min; the CPU seconds the engines' JVMs and the
# PostgreSQL server (all its processes) used while the clock ran, each node's peak RSS (VmHWM, start-up included),
# the transactions the database committed and its WAL flushes (fsyncs) and their time; under each row, each
# engine's share of the flows, the mean time of a flow's phases (from the engines' logs), the JVMs' CPU by kind of
# thread (from jcmd's thread dumps: the flows, the polling of in/, the JIT, the GC, the rest), the flow numbers
# drawn (more than the flows when nodes lost claims to each other); then the checks of
# correctness: every dropped file kept once and acknowledged once with 92, the ledger's flows equal to the flows
# dropped (every one PUBLISHED, no claim left), the files in out/ equal to the ledger's delivered invoices, and no
# invoice number delivered twice. A failed check is printed (FAIL) and makes the script exit 1, its root kept.
#
# Settings (environment):
#   BENCH_NODES           runs, in order (default "single 1 2 3")
#   BENCH_NODE_FILES      single-invoice files (default 6000)
#   BENCH_NODE_BATCHES    batches (default 4), BENCH_BATCH_INVOICES invoices each (default 500)
#   BENCH_PARTNERS        partners' drop folders (default "AAA001 AAA002 AAA003")
#   BENCH_HEAP            each engine's -Xmx (default 256m, as flows.sh)
#   BENCH_RULES           chorus.rules.level (default off, as flows.sh's XSD shapes: the per-flow costs, not the XSLT)
#   BENCH_THREADS         each engine's chorus.intake.threads (default: the engine's default, 8)
#   BENCH_DIR             (default target/nodes-bench); each engine's log: $BENCH_DIR/<run>-node-<n>.log
#   BENCH_KEEP            1: keep the roots (default: deleted when the script ends, unless a check failed)
#   BENCH_PIN             1: each engine pinned to a core of its own (node i on core i - 1, modulo the cores), PostgreSQL
#                         unpinned beside them: whether nodes add up (default 0: the engines share the cores)
#   BENCH_PG_STATEMENTS   1: PostgreSQL with pg_stat_statements; under each row, the statements that took most of its
#                         time while the clock ran, with their calls a flow (default 0: where PostgreSQL's CPU goes)
#
# PostgreSQL runs with its defaults, fsync=on and synchronous_commit=on (not .ci/run's fsync=off): this measures
# the real thing, each commit waits for its WAL to be on disk. track_wal_io_timing=on only adds the time of those
# flushes to pg_stat_wal. Every engine polls every 200 ms (chorus.intake.poll-delay-ms, as flows.sh) and has HTTP
# off (chorus.http.enabled=false: two nodes on one machine would otherwise need a port each).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT_DIR=$(pwd)
BENCH_DIR=${BENCH_DIR:-$ROOT_DIR/target/nodes-bench}
RUNS=${BENCH_NODES:-single 1 2 3}
FILES=${BENCH_NODE_FILES:-6000}
BATCHES=${BENCH_NODE_BATCHES:-4}
BATCH_INVOICES=${BENCH_BATCH_INVOICES:-500}
PARTNERS=(${BENCH_PARTNERS:-AAA001 AAA002 AAA003})
HEAP=${BENCH_HEAP:-256m}
RULES=${BENCH_RULES:-off}
JAR=$ROOT_DIR/target/chorus-edi.jar

[ -f "$JAR" ] || mvn -B -q -DskipTests package
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$PG_BIN/initdb" ] || { echo "PostgreSQL's server is missing (apt-get install postgresql)" >&2; exit 2; }

mkdir -p "$BENCH_DIR"
RUN=$BENCH_DIR/run
# Leftovers of an interrupted run are deleted first, and the disk given time to settle (see flows.sh: creating
# files right after deleting many is several times slower on this ext4 disk).
if [ -e "$RUN" ]; then
  rm -rf "$RUN" && sync && sleep 30
fi
mkdir -p "$RUN"

PG_DIR=$(mktemp -d /tmp/chorus-edi-bench-pg.XXXXXX)
chown postgres "$PG_DIR"
for PG_PORT in $(seq 55732 55932); do (exec 3<>"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null || break; done
as_postgres() { su postgres -s /bin/bash -c "$*"; }
psql_q() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -X -q -A -t -v ON_ERROR_STOP=1 "$@"; }

PIDS=()
FAILED=0
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  as_postgres "$PG_BIN/pg_ctl -D $PG_DIR/data -m fast -w stop" >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
  if [ "$FAILED" = 0 ] && [ "${BENCH_KEEP:-0}" != 1 ]; then rm -rf "$RUN"; fi
}
trap cleanup EXIT

PG_PRELOAD=
[ "${BENCH_PG_STATEMENTS:-0}" = 1 ] && PG_PRELOAD="-c shared_preload_libraries=pg_stat_statements"
# initdb without --no-sync, and the server with its default fsync=on and synchronous_commit=on: see above.
as_postgres "$PG_BIN/initdb -D $PG_DIR/data -U postgres -A trust" >/dev/null
as_postgres "$PG_BIN/pg_ctl -D $PG_DIR/data -l $PG_DIR/server.log -w -o \"-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c track_wal_io_timing=on $PG_PRELOAD\" start" >/dev/null
PG_PID=$(head -1 "$PG_DIR/data/postmaster.pid")

# CPU clock ticks of a process (utime + stime), and with "all" its reaped children's too (cutime + cstime).
# The fields after the command's parenthesis: the command may hold spaces.
ticks() { awk -v all="${2:-}" '{ sub(/^.*\) /, ""); t = $12 + $13; if (all) t += $14 + $15; print t }' "/proc/$1/stat" 2>/dev/null || echo 0; }
# The PostgreSQL server's CPU ticks: the postmaster, its live processes and those that ended (reaped by it).
pg_ticks() {
  local total=$(ticks "$PG_PID" all) child
  for child in $(ps -o pid= --ppid "$PG_PID"); do total=$((total + $(ticks "$child"))); done
  echo "$total"
}
HZ=$(getconf CLK_TCK)

# The flows, once. Every invoice gets a number of its own (the generator numbers each set from G-0000001):
# a prefix per set, else the second set's invoices would be rejected as duplicates (I17).
FLOWS=$RUN/flows
n=${#PARTNERS[@]}
for i in "${!PARTNERS[@]}"; do
  p=${PARTNERS[$i]}
  count=$(( FILES / n + (i < FILES % n ? 1 : 0) ))
  if [ "$count" -gt 0 ]; then
    java -jar "$JAR" generate --shape files --syntax MIXED --lines 10 --invoices "$count" "$FLOWS/$p" >/dev/null
    find "$FLOWS/$p" -name '*.xml' -exec sed -i "s/>G-\([0-9]*\)</>F$i-\1</g" {} +
  fi
done
for b in $(seq 1 "$BATCHES"); do
  p=${PARTNERS[$(( (b - 1) % n ))]}
  java -jar "$JAR" generate --syntax MIXED --lines 10 --invoices "$BATCH_INVOICES" --partner "$p" "$FLOWS/$p/batch-$b.xml" >/dev/null
  sed -i "s/>G-\([0-9]*\)</>B$b-\1</g" "$FLOWS/$p/batch-$b.xml"
done
DROPPED=$(find "$FLOWS" -name '*.xml' | wc -l)
INVOICES=$(( FILES + BATCHES * BATCH_INVOICES ))
BYTES=$(du -sb "$FLOWS" | cut -f1)
sync

# The sample directory, and a partners file whose partners are all connected in emission for the supplier of the
# generated invoices (the sample's AAA001 is; the receiving partners as in the sample).
# (the sample's AAA001 is connected in emission for more than one supplier: each gets its row for each partner)
SUPPLIERS=$(awk -F, '$1 == "AAA001" && $4 == "EMISSION" { print $5 }' sample-flows/directory/partenaires.csv)
DIRECTORY=$RUN/directory
mkdir -p "$DIRECTORY"
cp sample-flows/directory/annuaire.csv "$DIRECTORY/"
{
  head -1 sample-flows/directory/partenaires.csv
  for p in "${PARTNERS[@]}"; do
    for supplier in $SUPPLIERS; do echo "$p,Partenaire de banc d'essai $p,true,EMISSION,$supplier"; done
  done
  grep -v -e '^code_partenaire' -e ',EMISSION,' sample-flows/directory/partenaires.csv
} > "$DIRECTORY/partenaires.csv"

# The mean of each phase of a flow, from the engines' logs ("read and checked in 12 ms, staged in 3 ms, committed and
# published in 2 ms").
phases() {
  cat "$@" | awk '/read and checked in/ {
      sub(/.*read and checked in /, ""); split($0, t, /, staged in |, committed and published in /)
      for (k = 1; k <= 3; k++) { v = t[k] + 0; if (t[k] ~ / s/) v *= 1000; sum[k] += v }; n++ }
    END { if (n) printf "per flow, mean: read and checked %.1f ms, staged %.1f ms, committed and published %.1f ms", sum[1] / n, sum[2] / n, sum[3] / n }'
}
# Each thread's CPU milliseconds in a JVM, "ms<TAB>name" (jcmd's thread dump gives them by thread name).
jthreads() { jcmd "$1" Thread.print 2>/dev/null | grep -o '^"[^"]*".*cpu=[0-9.]*ms' | sed -E 's/^"([^"]*)".*cpu=([0-9.]*)ms.*/\2\t\1/' || true; }
# What the threads spent between two dumps (files "before" and "after", all engines), by kind: the flows (the
# intake's worker threads), the polling of in/ (the file consumer's thread), the JIT compilers, the garbage
# collector (with the VM thread, which runs its pauses), and the rest (leases, claims' housekeeping, Quartz, pool).
# A thread that ended between the dumps is missed (HotSpot may stop a compiler thread it no longer needs).
thread_kinds() {
  awk -F '\t' 'FNR == 1 { file++ } file == 1 { before[$2] = $1; next }
    { kind = "other"; name = $2; sub(/^node-[0-9]+ /, "", name)
      if (name ~ /CompilerThread/) kind = "JIT"
      else if (name ~ /^GC Thread|^G1 |^VM Thread/) kind = "GC"
      else if (name ~ /file:.*\/in$/) kind = "polling"
      else if (name ~ / - Threads$/) kind = "flows"
      spent[kind] += $1 - before[$2] }
    END { printf "flows %.1f, polling in/ %.1f, JIT %.1f, GC %.1f, other %.1f", spent["flows"] / 1000, spent["polling"] / 1000,
            spent["JIT"] / 1000, spent["GC"] / 1000, spent["other"] / 1000 }' "$1" "$2"
}
# BENCH_PG_STATEMENTS=1: the run's statements by the time PostgreSQL spent executing them, with their calls a flow
# (the JDBC driver names each savepoint anew: they are counted together).
statements() {
  echo "  PostgreSQL's statements by execution time (ms in all, calls a flow, statement):"
  psql_q -d postgres -F ' | ' -c "SELECT round(sum(total_exec_time)::numeric, 0), round(sum(calls)::numeric / $DROPPED, 2), q
      FROM (SELECT s.total_exec_time, s.calls, left(regexp_replace(regexp_replace(s.query, 'SAVEPOINT_[0-9]+', 'SAVEPOINT_n'),
        '\\s+', ' ', 'g'), 110) AS q FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = '$1') t
      GROUP BY q ORDER BY 1 DESC LIMIT 25" | sed 's/^/    /'
}
files_under() { find "$@" -type f 2>/dev/null | wc -l; }
flux_acks() { find "$1/ack" -name '*.flux.xml' 2>/dev/null | wc -l; }

# One run: $1 its name, $2 its node count (0: a single engine, not in cluster mode). Prints its row and checks.
run() {
  local name=$1 nodes=$2 root=$RUN/root-$1 stage=$RUN/stage-$1 db=bench_$1
  psql_q -d postgres -c "CREATE DATABASE $db"
  local url="jdbc:postgresql://127.0.0.1:$PG_PORT/$db"
  mkdir -p "$root/directory"
  cp "$DIRECTORY"/*.csv "$root/directory/"
  for p in "${PARTNERS[@]}"; do mkdir -p "$root/in/$p"; done
  # The copy to drop, on the root's file system, written to disk before anything starts.
  cp -r "$FLOWS" "$stage"
  sync
  local count=$(( nodes == 0 ? 1 : nodes )) i pids=() logs=()
  for i in $(seq 1 "$count"); do
    local log=$BENCH_DIR/$name-node-$i.log cluster=()
    [ "$nodes" -gt 0 ] && cluster=(-Dchorus.cluster.enabled=true -Dchorus.cluster.node-id="node-$i")
    # BENCH_PIN=1: each engine on a core of its own (taskset), node i on core (i - 1) modulo the cores.
    local pin=()
    [ "${BENCH_PIN:-0}" = 1 ] && pin=(taskset -c $(( (i - 1) % $(nproc) )))
    # Started as the README starts an engine, by its launcher.
    "${pin[@]}" env JAVA_OPTS="-Xmx$HEAP" bin/chorus-edi run --root "$root" -Dchorus.db.url="$url" -Dchorus.db.user=postgres \
        -Dchorus.http.enabled=false -Dchorus.intake.poll-delay-ms=200 -Dchorus.rules.level="$RULES" \
        ${BENCH_THREADS:+-Dchorus.intake.threads=$BENCH_THREADS} \
        "${cluster[@]}" > "$log" 2>&1 &
    pids+=($!); PIDS+=($!); logs+=("$log")
  done
  # Ready: each engine's intake route started, and the directory and partners files imported (by one node).
  for i in "${!pids[@]}"; do
    until grep -q "Started flow-intake" "${logs[$i]}"; do
      kill -0 "${pids[$i]}" 2>/dev/null || { echo "engine ${logs[$i]} ended:" >&2; tail -30 "${logs[$i]}" >&2; exit 1; }
      sleep 0.2
    done
  done
  until [ "$(files_under "$root/directory/imported")" -ge 2 ]; do sleep 0.2; done
  sleep 1
  : > "$RUN/threads-before"
  for i in "${!pids[@]}"; do jthreads "${pids[$i]}" | sed "s/\t/\tnode-$i /" >> "$RUN/threads-before"; done
  local pg_before=$(pg_ticks) cpu_before=0 wal_before
  for i in "${!pids[@]}"; do cpu_before=$((cpu_before + $(ticks "${pids[$i]}"))); done
  wal_before=$(psql_q -d postgres -F ' ' -c "SELECT (SELECT sum(xact_commit) FROM pg_stat_database), wal_sync, wal_sync_time FROM pg_stat_wal")
  [ -n "$PG_PRELOAD" ] && psql_q -d postgres -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset()" >/dev/null

  local start=$(date +%s.%N)
  for p in "${PARTNERS[@]}"; do
    find "$stage/$p" -name '*.xml' -exec mv -t "$root/in/$p/" {} +
  done
  # Done when every flow has its acknowledgement and nothing is left in in/ nor work/.
  local guard=$(( $(date +%s) + 1800 ))
  while [ "$(flux_acks "$root")" -lt "$DROPPED" ] || [ "$(files_under "$root/in")" -gt 0 ] || [ "$(files_under "$root/work")" -gt 0 ]; do
    if [ "$(date +%s)" -gt "$guard" ]; then
      echo "FAIL $name: not done after 30 minutes: $(flux_acks "$root") acknowledgements of $DROPPED," \
        "$(files_under "$root/in") files in in/, $(files_under "$root/work") in work/" >&2
      FAILED=1; exit 1
    fi
    for i in "${!pids[@]}"; do
      kill -0 "${pids[$i]}" 2>/dev/null || { echo "FAIL $name: engine ${logs[$i]} ended:" >&2; tail -30 "${logs[$i]}" >&2; FAILED=1; exit 1; }
    done
    sleep 0.5
  done
  local cpu_after=0 rss=()
  for i in "${!pids[@]}"; do
    cpu_after=$((cpu_after + $(ticks "${pids[$i]}")))
    rss+=($(( $(awk '/VmHWM/ {print $2}' "/proc/${pids[$i]}/status") / 1024 )))
  done
  local pg_after=$(pg_ticks)
  : > "$RUN/threads-after"
  for i in "${!pids[@]}"; do jthreads "${pids[$i]}" | sed "s/\t/\tnode-$i /" >> "$RUN/threads-after"; done
  local wal_after=$(psql_q -d postgres -F ' ' -c "SELECT (SELECT sum(xact_commit) FROM pg_stat_database), wal_sync, wal_sync_time FROM pg_stat_wal")
  # The change time, not the modification time: a file written aside and renamed into place changes only its ctime.
  local last=$(find "$root/ack" "$root/archive" "$root/rejected" "$root/out" -type f -printf '%C@\n' 2>/dev/null | sort -n | tail -1)
  local seconds=$(awk -v a="$last" -v b="$start" 'BEGIN { printf "%.1f", a - b }')
  # Each node's share of the flows: the ledger does not record the node, its log does (one line per flow decided).
  local shares=()
  for i in "${!pids[@]}"; do shares+=("$(grep -c ' from [A-Z0-9]*): status ' "${logs[$i]}" || true)"); done
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  PIDS=()

  read -r x0 s0 t0 <<< "$wal_before"; read -r x1 s1 t1 <<< "$wal_after"
  local label=$name
  [ "$nodes" = 1 ] && label="1 node"
  [ "$nodes" -gt 1 ] && label="$nodes nodes"
  awk -v l="$label" -v f="$DROPPED" -v n="$INVOICES" -v s="$seconds" -v cj="$((cpu_after - cpu_before))" \
      -v cp="$((pg_after - pg_before))" -v hz="$HZ" -v rss="$(IFS=/; echo "${rss[*]}")" \
      -v x="$((x1 - x0))" -v ws="$((s1 - s0))" -v wt="$(awk -v a="$t1" -v b="$t0" 'BEGIN { print a - b }')" 'BEGIN {
    printf "| %-8s | %5d | %8d | %7.1f | %8.0f | %11.0f | %7.1f | %6.1f | %11s | %7d | %7d | %7.1f |\n",
      l, f, n, s, f * 60 / s, n * 60 / s, cj / hz, cp / hz, rss, x, ws, wt / 1000 }' >> "$RUN/table.txt"
  tail -1 "$RUN/table.txt"
  echo "  flows decided per engine: ${shares[*]}; $(phases "${logs[@]}")"
  echo "  JVM CPU s by threads: $(thread_kinds "$RUN/threads-before" "$RUN/threads-after")"
  [ -n "$PG_PRELOAD" ] && statements "$db"
  check "$name" "$root" "$db"
  rm -rf "$stage"
}

# The checks of one run; a failure is printed and remembered.
check() {
  local name=$1 root=$2 db=$3 problems=()
  local kept=$(find "$root/archive" "$root/rejected" -type f 2>/dev/null | wc -l)
  local kept_names=$(find "$root/archive" "$root/rejected" -type f -printf '%P\n' 2>/dev/null | sed 's#^\([^/]*\)/.*__#\1/#' | sort -u | wc -l)
  local acks=$(flux_acks "$root")
  local ack92=$(find "$root/ack" -name '*.flux.xml' -exec grep -l '<IdStatut>92</IdStatut>' {} + 2>/dev/null | wc -l)
  local ack_ids=$(find "$root/ack" -name '*.flux.xml' -printf '%f\n' | sort -u | wc -l)
  local ledger=$(psql_q -d "$db" -F ' ' -c "SELECT (SELECT count(*) FROM ledger_flow), (SELECT count(*) FROM ledger_flow WHERE state <> 'PUBLISHED'), (SELECT count(*) FROM ledger_flow WHERE status <> '92'), (SELECT count(*) FROM flow_claim), (SELECT count(*) FROM ledger_invoice WHERE delivered), (SELECT count(DISTINCT invoice_number) FROM ledger_invoice WHERE delivered), (SELECT last_value FROM ledger_flow_seq)")
  read -r l_flows l_unpublished l_not92 l_claims l_delivered l_numbers l_drawn <<< "$ledger"
  local out=$(files_under "$root/out")
  local out_numbers=$(find "$root/out" -type f -exec grep -ho '>[FB][0-9]*-[0-9]\{7\}<' {} + | sort -u | wc -l)
  [ "$kept" = "$DROPPED" ] && [ "$kept_names" = "$DROPPED" ] || problems+=("$kept files kept ($kept_names names) for $DROPPED dropped")
  [ "$acks" = "$DROPPED" ] && [ "$ack_ids" = "$DROPPED" ] || problems+=("$acks flow acknowledgements ($ack_ids ids) for $DROPPED flows")
  [ "$ack92" = "$DROPPED" ] || problems+=("$ack92 acknowledgements with 92 of $DROPPED")
  [ "$l_flows" = "$DROPPED" ] || problems+=("ledger: $l_flows flows for $DROPPED dropped")
  [ "$l_unpublished" = 0 ] && [ "$l_not92" = 0 ] && [ "$l_claims" = 0 ] || problems+=("ledger: $l_unpublished flows not PUBLISHED, $l_not92 not 92, $l_claims claims left")
  [ "$l_delivered" = "$INVOICES" ] && [ "$l_numbers" = "$INVOICES" ] || problems+=("ledger: $l_delivered invoices delivered ($l_numbers numbers) of $INVOICES")
  [ "$out" = "$l_delivered" ] && [ "$out_numbers" = "$INVOICES" ] || problems+=("out/: $out files ($out_numbers invoice numbers) for $l_delivered delivered in the ledger")
  [ "$(files_under "$root/in")" = 0 ] && [ "$(files_under "$root/work")" = 0 ] && [ "$(files_under "$root/failed")" = 0 ] || problems+=("files left in in/, work/ or failed/")
  if [ ${#problems[@]} -eq 0 ]; then
    echo "  checks: $DROPPED files kept once and acknowledged once (92); ledger $l_flows flows, all PUBLISHED, no claim left;" \
      "$l_delivered invoices delivered, $out files in out/, $out_numbers numbers, none twice; in/ and work/ empty"
    # A node numbers a flow before it claims it: a file another node claimed first has used a number for nothing.
    echo "  flow numbers drawn: $l_drawn for $l_flows flows (a number drawn by a node that lost the file's claim to another is not used)"
  else
    FAILED=1
    for problem in "${problems[@]}"; do echo "  FAIL $name: $problem"; done
    echo "  (root kept: $root; logs: $BENCH_DIR/$name-node-*.log)"
  fi
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, $(java -version 2>&1 | head -1), $("$PG_BIN/postgres" --version)"
echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(date -u +%Y-%m-%dT%H:%MZ)"
echo "flows: $DROPPED ($FILES single-invoice files and $BATCHES batches of $BATCH_INVOICES, $(( BYTES / 1000000 )) MB) over ${PARTNERS[*]};" \
  "each engine -Xmx$HEAP, rules $RULES, poll 200 ms, HTTP off; PostgreSQL fsync=on"
echo
echo "| run      | flows | invoices | seconds | flows/min | invoices/min | JVM CPU s | PG CPU s | RSS MB each | PG xacts | WAL fsyncs | WAL fsync s |"
echo "|----------|-------|----------|---------|-----------|--------------|-----------|----------|-------------|----------|------------|-------------|"
for r in $RUNS; do
  case $r in
    single) run single 0 ;;
    [1-9]) run "n$r" "$r" ;;
    *) echo "unknown run: $r (single, or a number of nodes)" >&2; exit 2 ;;
  esac
done
echo
echo "JVM CPU s: the engines' JVMs together, user + system, while the clock ran; PG CPU s: the PostgreSQL server's processes."
echo "The summary table again:"
cat "$RUN/table.txt"
exit "$FAILED"
