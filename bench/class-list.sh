#!/usr/bin/env bash
# The classes the build archives for class-data sharing (src/main/cds/chorus-edi.classlist, read by the build's
# -Xshare:dump into target/chorus-edi.jsa: docs/operators/install-and-run.md, "Start-up"), made again from
# training runs of the packaged jar: run --once on the sample flows (a new root), flows, validate --root with the
# rules on, run (its HTTP server) and validate --root answered by it. Run it after a change of the dependencies
# or of what a command loads at start-up, and commit the list: a class it names that is gone is skipped at the
# dump, a class it misses is loaded from the jar as before, so a stale list costs time, never correctness.
#
#   bash bench/class-list.sh        (after mvn -B -DskipTests package)
#
# Lambda proxies (@lambda-proxy lines) are left out: with JDK 17.0.15 the dump crashes on them (SIGSEGV in
# SystemDictionaryShared::adjust_lambda_proxy_class_dictionary), as the dynamic archive does at exit.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=target/chorus-edi.jar
LIST=src/main/cds/chorus-edi.classlist
WORK=$(mktemp -d)
trap 'kill "${ENGINE:-}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
ROOT=$WORK/root
mkdir -p "$ROOT"
cp -r sample-flows/. "$ROOT"/
train() { # name, then the command's arguments
  local name=$1; shift
  java -XX:DumpLoadedClassList="$WORK/$name.lst" -jar "$JAR" "$@" >/dev/null 2>&1 || true
}
INVOICE=$WORK/AAA001/invoice.xml
mkdir -p "$(dirname "$INVOICE")"
cp sample-flows/in/AAA001/01-ubl-ministere-livree.xml "$INVOICE"
train run-once run --once --root "$ROOT"
train flows flows --root "$ROOT"
train validate validate --standalone --root "$ROOT" "$INVOICE"
# The engine with its HTTP server, on a port of its own, until validate --engine has been answered.
java -XX:DumpLoadedClassList="$WORK/run.lst" -jar "$JAR" run --root "$ROOT" -Dchorus.http.port=$((20000 + RANDOM % 20000)) \
  >"$WORK/run.log" 2>&1 &
ENGINE=$!
for _ in $(seq 600); do [ -S "$ROOT/validate.sock" ] && break; sleep 0.1; done
train validate-engine validate --engine --root "$ROOT" "$INVOICE"
kill "$ENGINE"; wait "$ENGINE" || true
cat "$WORK"/run-once.lst "$WORK"/flows.lst "$WORK"/validate.lst "$WORK"/run.lst "$WORK"/validate-engine.lst \
  | grep -v '^@lambda-proxy' | awk '!seen[$0]++' >"$LIST"
echo "$LIST: $(wc -l <"$LIST") classes"
