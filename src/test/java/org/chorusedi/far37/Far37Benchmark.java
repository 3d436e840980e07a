package org.chorusedi.far37;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.stream.XMLStreamException;
import org.chorusedi.config.Configuration;
import org.chorusedi.directory.Address;
import org.chorusedi.database.Database;
import org.chorusedi.directory.DirectoryStore;
import org.chorusedi.directory.DirectoryTransaction;
import org.chorusedi.directory.IdentifierType;
import org.chorusedi.directory.ImportLimits;
import org.chorusedi.directory.ImportReport;
import org.chorusedi.directory.ServiceRow;
import org.chorusedi.directory.StructureEntry;
import org.chorusedi.directory.StructureRow;

/**
 * The FAR37 scale benchmark (docs/operators/far37.md): writes a FAR37 FULL file of
 * 300,000 structures with 600,000 services, imports it into an empty engine database (H2 under a
 * fresh folder), times a FULL extract, changes 1,000 structures, and times a DELTA; then a gzipped
 * FULL. Prints, for each step, its time, its MB/s and the process's peak resident memory so far
 * (VmHWM). A test class, kept out of the production jar: {@code bash bench/far37.sh [STRUCTURES]} runs it on the
 * compiled classes with the heap of the goal; {@code -Dchorus.db.url=... -Dchorus.db.user=... -Dchorus.db.password=...}
 * runs it on another database (an empty one: PostgreSQL).
 */
public final class Far37Benchmark {

    private static final Instant GENERATED = Instant.parse("2026-01-05T01:00:00Z");
    private static final int CHANGES = 1000;

    private Far37Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args.length > 0 ? args[0] : "target/far37-bench").toAbsolutePath();
        int structures = args.length > 1 ? Integer.parseInt(args[1]) : 300_000;
        deleteTree(folder);
        Files.createDirectories(folder);
        System.out.printf("FAR37 benchmark in %s, heap %d MB%n", folder, Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("%-34s %9s %10s %9s %12s%n", "step", "seconds", "MB", "MB/s", "peak RSS MB");

        Path source = folder.resolve("directory.xml");
        long started = System.nanoTime();
        long services = generate(source, structures);
        report("generate " + structures + " structures, " + services + " services", started, Files.size(source));

        String url = System.getProperty("chorus.db.url", "jdbc:h2:file:" + folder.resolve("db/chorus-edi"));
        try (Database database = Database.open(url, System.getProperty("chorus.db.user", "sa"),
                System.getProperty("chorus.db.password", ""))) {
            DirectoryStore store = new DirectoryStore(database.dataSource());
            started = System.nanoTime();
            ImportLimits limits = ImportLimits.read(Configuration.of(Map.of("chorus.root",
                    folder.toString())));
            ImportReport imported = new Far37Import(store, limits).importFile(source);
            if (!imported.ok()) {
                throw new IllegalStateException("import failed: " + imported.errors());
            }
            report("import (FAR37 FULL)", started, Files.size(source));

            Subscriber plain = subscriber(folder, "BENCH", false);
            Subscriber zipped = subscriber(folder, "BENCHGZ", true);
            Far37Publisher publisher = new Far37Publisher(new Far37Settings(folder, List.of(plain, zipped)), store,
                    new SubscriptionStore(database.dataSource()), "CPP001");
            publish(publisher, plain, ExtractType.FULL, structures, "FULL extract");

            started = System.nanoTime();
            change(store, structures);
            report(CHANGES + " changes", started, 0);
            publish(publisher, plain, ExtractType.DELTA, CHANGES, "DELTA extract after " + CHANGES + " changes");
            publish(publisher, zipped, ExtractType.FULL, structures, "FULL extract, gzipped");
        }
    }

    private static void publish(Far37Publisher publisher, Subscriber subscriber, ExtractType type, long expected,
            String step) throws IOException {
        long started = System.nanoTime();
        PublicationResult result = publisher.publish(subscriber, type);
        if (!result.published() || result.structures() != expected) {
            throw new IllegalStateException(step + ": " + result);
        }
        report(step + " (" + result.structures() + ")", started, Files.size(result.file()));
    }

    /** A FULL file of made-up structures, 0 to 4 services each (2 on average), written by the extract writer. */
    private static long generate(Path file, int structures) throws IOException, XMLStreamException {
        long services = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            ExtractWriter writer = new ExtractWriter(out, new ExtractHeader("CPP001", "BENCH", ExtractType.FULL, 1,
                    GENERATED, null, structures));
            for (int i = 0; i < structures; i++) {
                StructureEntry entry = structure(i, null);
                services += entry.services().size();
                writer.write(entry);
            }
            writer.finish();
        }
        return services;
    }

    private static StructureEntry structure(int i, String renamed) {
        String identifier = String.format("%014d", 10_000_000_000_000L + 17L * i);
        Instant modified = GENERATED.minusSeconds(60L * (i % 100_000));
        StructureRow structure = new StructureRow(identifier, IdentifierType.SIRET,
                renamed != null ? renamed : "Commune de Benchville n°" + i, i % 50 != 0, i % 3 == 0, i % 7 == 0,
                i % 11 == 0, i % 13 == 0, i % 17 == 0, i % 170 == 0,
                new Address(i + " rue de la République", i % 4 == 0 ? "Bâtiment B" : null,
                        String.format("%05d", 1000 + i % 95_000), "Benchville", "FR"),
                null, modified);
        List<ServiceRow> services = new ArrayList<>();
        for (int s = 0; s < i % 5; s++) {
            services.add(new ServiceRow(identifier, "SCE-" + s, "Service n°" + s + " de la commune " + i, s != 3,
                    s == 1, s == 2 ? LocalDate.of(2020, 1, 1) : null, s == 4 ? LocalDate.of(2030, 12, 31) : null,
                    modified));
        }
        return new StructureEntry(structure, services);
    }

    /** 1,000 structures change: a new name for most, a deactivated service for some. */
    private static void change(DirectoryStore store, int structures) {
        try (DirectoryTransaction transaction = store.begin()) {
            int step = Math.max(1, structures / CHANGES);
            for (int n = 0; n < CHANGES; n++) {
                int i = n * step + n % 5; // 0 to 4 services, as in the whole directory
                StructureEntry entry = structure(i, n % 4 == 0 ? null : "Commune renommée n°" + i);
                transaction.upsert(withoutTime(entry.structure()));
                if (n % 4 == 0) {
                    ServiceRow first = entry.services().isEmpty()
                            ? new ServiceRow(entry.structure().identifier(), "NOUVEAU", "Nouveau service", true, false,
                                    null, null, null)
                            : deactivated(entry.services().get(0));
                    transaction.upsert(first);
                }
            }
            transaction.commit();
        }
    }

    private static StructureRow withoutTime(StructureRow s) {
        return new StructureRow(s.identifier(), s.identifierType(), s.name(), s.active(), s.serviceCodeRequired(),
                s.engagementRequired(), s.engagementOrServiceCodeRequired(), s.paymentStatusNotReported(), s.moa(),
                s.moaOnly(), s.address(), s.copiedFrom(), null);
    }

    private static ServiceRow deactivated(ServiceRow s) {
        return new ServiceRow(s.structureIdentifier(), s.code(), s.name(), !s.active(), s.engagementRequired(),
                s.startDate(), s.endDate(), null);
    }

    private static Subscriber subscriber(Path folder, String code, boolean gzip) {
        return new Subscriber(code, Far37Settings.defaultFolder(folder, code), null, null, ZoneId.of("Europe/Paris"),
                gzip, 0);
    }

    private static void report(String step, long startedNanos, long bytes) throws IOException {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        double megabytes = bytes / 1e6;
        System.out.printf("%-34s %9.2f %10s %9s %12d%n", step, seconds,
                bytes == 0 ? "" : String.format("%.1f", megabytes),
                bytes == 0 ? "" : String.format("%.1f", megabytes / seconds), peakResidentMegabytes());
    }

    /** The process's peak resident set size (VmHWM of /proc/self/status), in MB; -1 where there is none. */
    private static long peakResidentMegabytes() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return -1;
        }
        try (Stream<String> lines = Files.lines(status)) {
            return lines.filter(line -> line.startsWith("VmHWM:"))
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024)
                    .findFirst().orElse(-1L);
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> walk = Files.walk(folder)) {
                for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
