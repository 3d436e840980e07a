#!/usr/bin/env bash
# Benchmark of large flows: the engine end to end (from the drop to the last acknowledgement written)
# against a baseline run on the same invoices in the same run: xmllint validating the same bytes for the
# XSD shapes (EN 16931 rules off), Saxon-HE applying the same EN 16931 XSLT for the rules shapes.
#
#   bash bench/flows.sh [shape ...]      shapes: attachments small files rules-files rules-batches
#                                        (default: all five)
#
# Shapes:
#   attachments  a ~1 GB batch of 500 UBL invoices, 50 lines and a ~1.5 MB PDF attachment each
#   small        a ~1 GB batch of small invoices (10 lines), UBL and CII mixed (invoice limit raised)
#   files        10,000 single-invoice files dropped at once (xmllint runs once per file; it is timed on
#                the first BENCH_XMLLINT_FILES files and scaled to all of them)
#   rules-files    10,000 single-invoice UBL files (10 lines), rules on (chorus.rules.level=reject)
#   rules-batches  ~1 GB of UBL invoices (10 lines) in batches of 500, rules on
# A rules shape runs the engine on a new root each time: "fresh" times a newly started engine,
# "warm" one that has first decided other flows, a batch of 500 invoices and 1,000 single files (its JIT
# warmed up, as an operator's engine that has run for a while). rules-files then runs a warm engine with the
# rules off ("warm-off"): the difference is what the rules cost the engine, beside what they cost Saxon.
# rules-batches then gives a fresh engine the same invoices as one flow of ~1 GB ("one-flow"): a single
# large flow with the rules on, in -Xmx256m. The baseline is Saxon-HE's own command line, net.sf.saxon.Transform over
# a folder of the same invoices one file each (one JVM, the stylesheet compiled once, its start included;
# its default heap), with the same XSLT taken from the same phive-rules-en16931 jar.
# rules-files also runs the peer a Camel user would write instead of the engine (bench/peer/PlainInvoiceRoute.java:
# file consumer with a read lock, a JDBC idempotent repository on H2, camel-validator, camel-xslt with Saxon-HE and the
# same XSLT, a file producer to an outbox), fresh, warm and warm with the rules off, on the same files and warm-up,
# each right after the engine's run of the same kind (the machine's speed moves within the hour); Saxon then runs
# again, last, to show how far it moved.
# Settings (environment): BENCH_DIR (default target/bench), BENCH_HEAP (default 256m),
#   BENCH_XMLLINT_FILES (default 1000), BENCH_RULES_MB (size of rules-batches, default 1000),
#   BENCH_FILES (how many files the files shapes drop, default 10000), BENCH_THREADS (the engine's chorus.intake.threads
#   and the peer's threads(N); default: the engine's default, 8, and the peer's the machine's cores), BENCH_JAVA_OPTS
#   (more JVM options for the engine, after the launcher's: -XX:+UseG1GC runs it on G1 rather than the parallel
#   collector the launcher gives run; default none).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT_DIR=$(pwd)
BENCH_DIR=${BENCH_DIR:-$ROOT_DIR/target/bench}
HEAP=${BENCH_HEAP:-256m}
XMLLINT_FILES=${BENCH_XMLLINT_FILES:-1000}
RULES_MB=${BENCH_RULES_MB:-1000}
FILES=${BENCH_FILES:-10000}
SHAPES=${*:-attachments small files rules-files rules-batches}
JAR=$ROOT_DIR/target/chorus-edi.jar

[ -f "$JAR" ] || mvn -B -q -DskipTests package
if ! command -v xmllint >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxml2-utils >/dev/null
fi
mkdir -p "$BENCH_DIR"
# Each run's flows and engine roots live in run/, deleted when the run ends. On ext4, creating files
# just after deleting many is several times slower (measured here: 124,410 files written in 4 s on a
# quiet disk, 17 to 53 s right after deleting as many): leftovers of an interrupted run are deleted
# first, and the disk given time to settle, so that no measurement pays for an earlier one.
RUN=$BENCH_DIR/run
settle() { sync; sleep 30; }
if [ -e "$RUN" ]; then
  rm -rf "$RUN" && settle
fi
mkdir -p "$RUN"
trap 'rm -rf "$RUN"' EXIT

# The schemas for xmllint: the same official XSDs the engine uses, from the same jars. UBL's copies
# import xmldsig, XAdES and CCTS by namespace only; xmllint needs a location: add it. A catalog maps
# the public locations our batch envelope names to these files.
XSD=$BENCH_DIR/xsd
if [ ! -f "$XSD/catalog.xml" ]; then
  rm -rf "$XSD" && mkdir -p "$XSD" && cd "$XSD"
  unzip -q -o "$ROOT_DIR"/target/lib/ph-ubl21-*.jar 'external/schemas/ubl21/*'
  unzip -q -o "$ROOT_DIR"/target/lib/ph-cii-d16b-*.jar 'external/schemas/d16b/*'
  for j in ccts-cct-schemamodule xmldsig xades132 xades141; do unzip -q -o "$ROOT_DIR"/target/lib/ph-xsds-$j-*.jar 'schemas/*'; done
  C=external/schemas/ubl21/common
  sed -i 's#<xsd:import namespace="http://www.w3.org/2000/09/xmldsig\#" */>#<xsd:import namespace="http://www.w3.org/2000/09/xmldsig\#" schemaLocation="../../../../schemas/xmldsig-core-schema.xsd"/>#; s#<xsd:import namespace="http://uri.etsi.org/01903/v1.3.2\#" */>#<xsd:import namespace="http://uri.etsi.org/01903/v1.3.2\#" schemaLocation="../../../../schemas/XAdES01903v132-201601.xsd"/>#; s#<xsd:import namespace="http://uri.etsi.org/01903/v1.4.1\#" */>#<xsd:import namespace="http://uri.etsi.org/01903/v1.4.1\#" schemaLocation="../../../../schemas/XAdES01903v141-201601.xsd"/>#' $C/UBL-SignatureAggregateComponents-2.1.xsd
  sed -i 's#<xsd:import namespace="urn:un:unece:uncefact:data:specification:CoreComponentTypeSchemaModule:2"/>#<xsd:import namespace="urn:un:unece:uncefact:data:specification:CoreComponentTypeSchemaModule:2" schemaLocation="../../../../schemas/CCTS_CCT_SchemaModule.xsd"/>#' $C/UBL-UnqualifiedDataTypes-2.1.xsd
  sed -i 's#<xsd:import namespace="http://www.w3.org/2000/09/xmldsig\#" */>#<xsd:import namespace="http://www.w3.org/2000/09/xmldsig\#" schemaLocation="xmldsig-core-schema.xsd"/>#; s#<xsd:import namespace="http://uri.etsi.org/01903/v1.3.2\#" */>#<xsd:import namespace="http://uri.etsi.org/01903/v1.3.2\#" schemaLocation="XAdES01903v132-201601.xsd"/>#' schemas/XAdES*.xsd
  cp "$ROOT_DIR/schemas/chorus-edi-batch-1.0.xsd" .
  cat > catalog.xml <<CAT
<?xml version="1.0"?>
<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
  <system systemId="http://docs.oasis-open.org/ubl/os-UBL-2.1/xsd/maindoc/UBL-Invoice-2.1.xsd" uri="file://$XSD/external/schemas/ubl21/maindoc/UBL-Invoice-2.1.xsd"/>
  <system systemId="http://docs.oasis-open.org/ubl/os-UBL-2.1/xsd/maindoc/UBL-CreditNote-2.1.xsd" uri="file://$XSD/external/schemas/ubl21/maindoc/UBL-CreditNote-2.1.xsd"/>
  <system systemId="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100:D16B" uri="file://$XSD/external/schemas/d16b/data/standard/CrossIndustryInvoice_100pD16B.xsd"/>
</catalog>
CAT
  cd "$ROOT_DIR"
fi
export XML_CATALOG_FILES=$XSD/catalog.xml

# The EN 16931 XSLT the engine applies (BusinessRules.ARTEFACTS_VERSION), from the same jar, for Saxon's command line.
RULES_XSLT=$BENCH_DIR/EN16931-UBL-validation.xslt
unzip -p "$ROOT_DIR"/target/lib/phive-rules-en16931-*.jar 'external/schematron/1.3.13/ubl/EN16931-UBL-validation.xslt' > "$RULES_XSLT"
SAXON_CP=$(ls "$ROOT_DIR"/target/lib/Saxon-HE-*.jar "$ROOT_DIR"/target/lib/xmlresolver-*.jar | tr '\n' ':')
# The peer's own project, built once (its components are not the engine's dependencies).
PEER=$ROOT_DIR/bench/peer
if [ ! -f "$PEER/target/classpath.txt" ]; then
  (cd "$PEER" && mvn -B -q -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt)
fi
PEER_CP=$PEER/target/plain-camel-route-1.jar:$(cat "$PEER/target/classpath.txt")

# Makes the flows, and writes them to disk before anything is timed (the engine writes, xmllint does not:
# the generator's pages must not be flushed during the engine's run).
generate() { java -jar "$JAR" generate "$@" >/dev/null; sync; }

# Starts the engine on a fresh root with the sample directory, drops the flows, waits for the
# acknowledgements; prints "seconds peak-RSS-KB". With a warm-up folder (third argument), the engine first
# decides its flows, untimed. The rules level comes from RULES (default off: the XSD shapes).
engine() {
  local source=$1 expected_acks=$2 warmup=${3:-} name=$(basename "$1")${3:+-warm}${RUN_SUFFIX:-}
  local root=$RUN/root-$name log=$BENCH_DIR/engine-$name.log
  mkdir -p "$root/directory" "$root/in/AAA001"
  cp sample-flows/directory/annuaire.csv sample-flows/directory/partenaires.csv "$root/directory/"
  # The engine's own read-lock settings: a file is taken at the first poll that finds it unchanged since the last one.
  # Started as the README starts it, by its launcher (its class-data archive, its compiler settings for run).
  JAVA_OPTS="-Xmx$HEAP ${BENCH_JAVA_OPTS:-}" bin/chorus-edi run --root "$root" -Dchorus.flow.max-invoices=1000000 -Dchorus.intake.poll-delay-ms=200 \
      -Dchorus.rules.level=${RULES:-off} ${BENCH_THREADS:+-Dchorus.intake.threads=$BENCH_THREADS} > "$log" 2>&1 &
  local pid=$!
  until grep -q "started in" "$log" 2>/dev/null; do
    kill -0 $pid 2>/dev/null || { echo "the engine did not start:" >&2; tail -5 "$log" >&2; exit 1; }
    sleep 0.2
  done
  if [ -n "$warmup" ]; then
    local warm_flows=$(ls "$warmup" | wc -l)
    cp "$warmup"/* "$root/in/AAA001/"
    expected_acks=$((expected_acks + warm_flows))
    while [ "$(ls "$root/ack/AAA001" 2>/dev/null | grep -c 'flux.xml$')" -lt "$warm_flows" ] || [ -n "$(ls -A "$root/in/AAA001")" ]; do sleep 0.2; done
  fi
  cpu_snapshot $pid > "$BENCH_DIR/cpu-before"
  local start=$(date +%s.%N)
  if [ -d "$source" ]; then
    find "$source" -name '*.xml' -exec mv -t "$root/in/AAA001/" {} +
  else
    mv "$source" "$root/in/AAA001/"
  fi
  # Done when every acknowledgement is published and every original has left the drop directory.
  while [ "$(ls "$root/ack/AAA001" 2>/dev/null | grep -c 'flux.xml$')" -lt "$expected_acks" ] \
      || [ -n "$(ls -A "$root/in/AAA001")" ]; do
    # A parked flow is never acknowledged: the run failed (its log says why).
    if [ -n "$(ls -A "$root/failed" 2>/dev/null)" ]; then
      echo "a flow was parked in $root/failed: see $log" >&2
      kill $pid; wait $pid 2>/dev/null || true
      echo "NaN NaN"; return
    fi
    sleep 0.2
  done
  # The change time, not the modification time: an acknowledgement is written aside and renamed into
  # place when its flow is published, and only the rename changes its ctime.
  local last=$(find "$root/ack" "$root/archive" "$root/rejected" -type f -printf '%C@\n' 2>/dev/null | sort -n | tail -1)
  local rss=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)
  cpu_snapshot $pid > "$BENCH_DIR/cpu-after"
  cpu_by_thread $pid > "$BENCH_DIR/engine-$name.cpu.txt"
  rm -f "$BENCH_DIR"/cpu-before "$BENCH_DIR"/cpu-after "$BENCH_DIR"/cpu-names
  kill $pid; wait $pid 2>/dev/null || true
  echo "$(awk -v a="$last" -v b="$start" 'BEGIN { print a - b }') $rss"
}

# The peer (bench/peer): the plain Camel route, on a fresh folder, on two threads (the machine's cores). Same protocol as
# engine(): started, optionally warmed up (untimed), then the flows moved in; done when every file has an outcome (an
# outbox or a rejected file) and the input folder is empty; prints "seconds peak-RSS-KB".
peer() {
  local source=$1 expected=$2 warmup=${3:-} name=peer-$(basename "$1")${3:+-warm}${RUN_SUFFIX:-}
  local root=$RUN/root-$name log=$BENCH_DIR/$name.log
  mkdir -p "$root/in"
  java -Xmx$HEAP -cp "$PEER_CP" peer.PlainInvoiceRoute "$root/in" "$root/out" "$root/rejected" "$root/done" \
      "$XSD/external/schemas/ubl21/maindoc/UBL-Invoice-2.1.xsd" "$( [ "${RULES:-off}" = off ] && echo off || echo "$RULES_XSLT")" \
      "$root/db/idempotent" "${BENCH_THREADS:-$(nproc)}" > "$log" 2>&1 &
  local pid=$!
  until grep -q "started in" "$log" 2>/dev/null; do sleep 0.2; done
  outcomes() { echo $(( $(ls "$root/out" 2>/dev/null | wc -l) + $(ls "$root/rejected" 2>/dev/null | wc -l) )); }
  if [ -n "$warmup" ]; then
    # The same warm-up files as the engine's, the batch aside (the route reads single invoices only), named apart from the
    # measured ones (the route's idempotent key is the file's name).
    local warm_files=0
    for f in "$warmup"/invoice-*.xml; do cp "$f" "$root/in/warm-$(basename "$f")"; warm_files=$((warm_files + 1)); done
    expected=$((expected + warm_files))
    while [ "$(outcomes)" -lt "$warm_files" ] || [ -n "$(ls -A "$root/in")" ]; do sleep 0.2; done
  fi
  local start=$(date +%s.%N)
  find "$source" -name '*.xml' -exec mv -t "$root/in/" {} +
  while [ "$(outcomes)" -lt "$expected" ] || [ -n "$(ls -A "$root/in")" ]; do sleep 0.2; done
  local last=$(find "$root/out" "$root/rejected" -type f -printf '%C@\n' 2>/dev/null | sort -n | tail -1)
  local rss=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)
  kill $pid; wait $pid 2>/dev/null || true
  echo "$(awk -v a="$last" -v b="$start" 'BEGIN { print a - b }') $rss"
}

# The engine's CPU time by thread, in clock ticks: "tid|ticks" lines, "process|ticks" for the whole process
# (which counts the threads that ended too), and "kernel|ticks" for its time in the kernel.
cpu_snapshot() {
  local pid=$1 t
  for t in /proc/$pid/task/*; do echo "$(basename "$t")|$(awk '{print $14 + $15}' "$t/stat" 2>/dev/null)"; done
  echo "process|$(awk '{print $14 + $15}' /proc/$pid/stat)"
  echo "kernel|$(awk '{print $15}' /proc/$pid/stat)"
}

# What each kind of thread spent during the timed run, in CPU seconds (the JVM's own names, numbers left out;
# threads gone before the end, such as the JVM's extra compiler threads, count in the whole only), and the
# kernel's share of the whole.
cpu_by_thread() {
  local pid=$1 tick=$(getconf CLK_TCK)
  jcmd "$pid" Thread.print 2>/dev/null | sed -nE 's/^"([^"]*)".* nid=(0x[0-9a-f]+).*/\2|\1/p' \
    | while IFS='|' read -r nid thread; do echo "$((nid))|$thread"; done > "$BENCH_DIR/cpu-names"
  awk -F'|' -v tick="$tick" '
    FILENAME ~ /cpu-names$/ { name[$1] = $2; next }
    FILENAME ~ /cpu-before$/ { before[$1] = $2; next }
    $1 == "process" { total = $2 - before["process"]; next }
    $1 == "kernel" { kernel = $2 - before["kernel"]; next }
    { n = ($1 in name) ? name[$1] : "(unnamed)"; gsub(/[0-9]+/, "#", n); spent[n] += $2 - before[$1] }
    END { for (n in spent) if (spent[n] >= tick / 10) printf "%8.1f s  %s\n", spent[n] / tick, n
          printf "%8.1f s  (whole process)\n%8.1f s  (of it in the kernel)\n", total / tick, kernel / tick }' \
    "$BENCH_DIR/cpu-names" "$BENCH_DIR/cpu-before" "$BENCH_DIR/cpu-after" | sort -rn
}

# Times a command; prints "seconds peak-RSS-KB".
timed() { /usr/bin/time -f "%e %M" -o "$BENCH_DIR/time.txt" "$@" >/dev/null 2>&1; cat "$BENCH_DIR/time.txt"; }

row() { # shape bytes invoices engine_s engine_rss xmllint_s xmllint_rss
  awk -v s="$1" -v b="$2" -v n="$3" -v e="$4" -v er="$5" -v x="$6" -v xr="$7" 'BEGIN {
    printf "| %-11s | %8.0f | %8d | %7.1f | %7.1f | %9.0f | %6.0f | %7.1f | %6.0f | %5.2f |\n",
      s, b/1e6, n, e, b/1e6/e, n/e, er/1024, x, xr/1024, e/x }'
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, $(java -version 2>&1 | head -1), $(xmllint --version 2>&1 | head -1)"
echo "engine heap: -Xmx$HEAP${BENCH_JAVA_OPTS:+, more JVM options: $BENCH_JAVA_OPTS}"
echo
echo "| shape       |       MB | invoices | engine s |    MB/s | invoices/s | RSS MB | baseline s | RSS MB | ratio |"
echo "|-------------|----------|----------|---------|---------|-----------|--------|---------|--------|-------|"
for shape in $SHAPES; do
  case $shape in
    attachments|small)
      flow=$RUN/$shape.xml
      if [ "$shape" = attachments ]; then
        generate --syntax UBL --lines 50 --attachment-bytes 1500000 --invoices 500 "$flow"
      else
        generate --syntax MIXED --lines 10 --size 1000M "$flow"
      fi
      bytes=$(stat -c %s "$flow"); invoices=$(grep -m1 -o '<InvoiceCount>[0-9]*' "$flow" | tr -dc 0-9)
      read -r xs xr < <(timed xmllint --noout --stream --schema "$XSD/chorus-edi-batch-1.0.xsd" "$flow")
      read -r es er < <(engine "$flow" 1)
      row "$shape" "$bytes" "$invoices" "$es" "$er" "$xs" "$xr"
      ;;
    files)
      dir=$RUN/files
      generate --shape files --syntax MIXED --lines 10 --invoices "$FILES" "$dir"
      bytes=$(du -sb "$dir" | cut -f1)
      # awk, not head: head would close the pipe early, and pipefail would stop the script.
      sample=$(find "$dir" -name '*.xml' | sort | awk -v n="$XMLLINT_FILES" 'NR <= n')
      read -r xs xr < <(timed bash -c "for f in $(echo $sample | tr '\n' ' '); do xmllint --noout --schema '$XSD/chorus-edi-batch-1.0.xsd' \$f || exit 1; done")
      xs=$(awk -v t="$xs" -v n="$XMLLINT_FILES" -v f="$FILES" 'BEGIN { print t * f / n }')
      read -r es er < <(engine "$dir" "$FILES")
      row "files" "$bytes" "$FILES" "$es" "$er" "$xs" "$xr"
      ;;
    rules-files|rules-batches)
      if [ ! -d "$RUN/warmup" ]; then
        # A batch of 500 and 1,000 single files, numbers of their own (W-...): the measured invoices are never
        # duplicates of these. One flow warms the reading and the rules; the path of each flow (take, stage,
        # commit, publish) is compiled by the JIT only after many flows.
        generate --syntax UBL --lines 10 --invoices 500 "$RUN/warmup-batch.xml"
        generate --shape files --syntax UBL --lines 10 --invoices 1000 "$RUN/warmup"
        mv "$RUN/warmup-batch.xml" "$RUN/warmup/"
        find "$RUN/warmup" -name '*.xml' -exec sed -i 's/>G-\([0-9]*\)</>W-\1</g' {} +
        sync
      fi
      singles=$RUN/$shape-singles
      big=$RUN/rules-big.xml
      if [ "$shape" = rules-files ]; then
        generate --shape files --syntax UBL --lines 10 --invoices "$FILES" "$singles"
        invoices=$FILES; flows=$FILES
      else
        # One generated batch (every invoice its own number), cut into batches of 500 for the engine and
        # into single files for Saxon: the same invoices, byte for byte.
        generate --syntax UBL --lines 10 --size "${RULES_MB}M" "$big"
        mkdir -p "$RUN/rules-batches" "$singles"
        awk -v batches="$RUN/rules-batches" -v singles="$singles" '
          /^<Invoice / { n++; single = sprintf("%s/invoice-%07d.xml", singles, n)
                         print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" > single
                         if ((n - 1) % 500 == 0) { if (batch) { print "</Batch>" > batch; close(batch) }
                           batch = sprintf("%s/batch-%05d.xml", batches, (n - 1) / 500 + 1)
                           print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Batch xmlns=\"urn:chorus-edi:batch:1.0\">" > batch
                           printf "<Header><PartnerCode>AAA001</PartnerCode><FlowId>B-%d</FlowId><CreatedAt>2026-11-26T10:00:00Z</CreatedAt>" \
                             "<InvoiceCount>INVOICE_COUNT</InvoiceCount></Header>\n", n > batch }
                         inside = 1 }
          inside { print > single; print > batch }
          /^<\/Invoice>/ { inside = 0; close(single) }
          END { print "</Batch>" > batch; close(batch); print n }' "$big" > "$RUN/count.txt"
        invoices=$(cat "$RUN/count.txt")
        # Every batch holds 500 invoices, the last one what is left.
        sed -i 's/INVOICE_COUNT/500/' "$RUN"/rules-batches/batch-*.xml
        last=$(ls "$RUN"/rules-batches/batch-*.xml | tail -1)
        sed -i "s/<InvoiceCount>500</<InvoiceCount>$(( (invoices - 1) % 500 + 1 ))</" "$last"
        sync
        flows=$(ls "$RUN"/rules-batches | wc -l)
      fi
      bytes=$(du -sb "$singles" | cut -f1)
      mkdir -p "$RUN/svrl"
      read -r xs xr < <(timed java -cp "$SAXON_CP" net.sf.saxon.Transform -s:"$singles" -xsl:"$RULES_XSLT" -o:"$RUN/svrl")
      rm -rf "$RUN/svrl" && settle
      source=$singles
      [ "$shape" = rules-batches ] && source=$RUN/rules-batches
      if [ "$shape" = rules-files ]; then
        # Each run of the engine right before the peer's run of the same kind, on the same files: this machine's speed
        # moves within the hour, and a ratio is fairest between runs next to each other.
        cp -r "$source" "$source-kept" && sync
        for run in fresh warm warm-off; do
          warm=; [ "$run" = fresh ] || warm=$RUN/warmup
          rules=reject; suffix=; [ "$run" = warm-off ] && rules=off && suffix=-off
          label=$shape; [ "$run" = fresh ] || label=$shape-$run
          rm -rf "$source" && cp -r "$source-kept" "$source" && sync
          read -r es er < <(RULES=$rules RUN_SUFFIX=$suffix engine "$source" "$flows" $warm)
          row "$label" "$bytes" "$invoices" "$es" "$er" "$xs" "$xr"
          rm -rf "$RUN"/root-peer-* && settle
          rm -rf "$source" && cp -r "$source-kept" "$source" && sync
          read -r ps pr < <(RULES=$rules RUN_SUFFIX=$suffix peer "$source" "$flows" $warm)
          row "peer-$run" "$bytes" "$invoices" "$ps" "$pr" "$xs" "$xr"
        done
        # Saxon again, last: how far the machine's speed moved during the runs.
        rm -rf "$source" && mv "$source-kept" "$source" && mkdir -p "$RUN/svrl" && settle
        read -r xs_after _ < <(timed java -cp "$SAXON_CP" net.sf.saxon.Transform -s:"$singles" -xsl:"$RULES_XSLT" -o:"$RUN/svrl")
        saxon_again="Saxon-HE's run again after them: $xs_after s (before them: $xs s)"
        rm -rf "$RUN/svrl"
      else
        # The same flows for both runs: the first run moves them, a copy is kept for the second.
        cp -r "$source" "$source-copy" && sync
        read -r es er < <(RULES=reject engine "$source" "$flows")
        row "$shape" "$bytes" "$invoices" "$es" "$er" "$xs" "$xr"
        rm -rf "$source"; mv "$source-copy" "$source"
        read -r es er < <(RULES=reject engine "$source" "$flows" "$RUN/warmup")
        row "$shape-warm" "$bytes" "$invoices" "$es" "$er" "$xs" "$xr"
        read -r es er < <(RULES=reject engine "$big" 1)
        row "rules-one-flow" "$bytes" "$invoices" "$es" "$er" "$xs" "$xr"
      fi
      # Nothing measured after a mass deletion before the disk has settled (see above).
      rm -rf "$RUN"/root-* "$singles" "$RUN/rules-batches" "$big" && settle
      ;;
    *) echo "unknown shape: $shape" >&2; exit 2 ;;
  esac
done
echo "(rules shapes: the baseline columns are Saxon-HE's net.sf.saxon.Transform; the others xmllint; peer-* rows: the plain"
echo " Camel route of bench/peer in the engine's columns, on the rules-files invoices)"
if [ -n "${saxon_again:-}" ]; then echo "($saxon_again)"; fi
echo
echo "engine logs, with each flow's times to read and check, commit and publish: $BENCH_DIR/engine-*.log"
echo "the engine's CPU time during each timed run, by kind of thread: $BENCH_DIR/engine-*.cpu.txt"
