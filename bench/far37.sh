#!/usr/bin/env bash
# FAR37 scale benchmark: a directory of 300,000 structures with 600,000 services, written as a FAR37
# FULL file, imported into an empty engine database (H2), then a FULL extract, 1,000 changes, a
# DELTA extract and a gzipped FULL, each timed, with MB/s and the peak resident memory (VmHWM).
#
#   bash bench/far37.sh [STRUCTURES]            (default 300000; at least 5000, the 1,000 changes spread over them)
#
# Settings (environment): BENCH_DIR (default target/far37-bench), BENCH_HEAP (default 256m).
# Another database: BENCH_JAVA_OPTS="-Dchorus.db.url=jdbc:postgresql://... -Dchorus.db.user=... -Dchorus.db.password=..."
# (an empty database: the benchmark imports into it).
set -euo pipefail
cd "$(dirname "$0")/.."
# The benchmark is a test class, not shipped in the jar: it runs on the compiled classes and the jar's libraries.
[ -f target/test-classes/org/chorusedi/far37/Far37Benchmark.class ] && [ -d target/lib ] || mvn -B -q -DskipTests package
exec java -Xmx"${BENCH_HEAP:-256m}" ${BENCH_JAVA_OPTS:-} -cp "target/test-classes:target/classes:target/lib/*" \
  org.chorusedi.far37.Far37Benchmark \
  "${BENCH_DIR:-target/far37-bench}" "${1:-300000}"
