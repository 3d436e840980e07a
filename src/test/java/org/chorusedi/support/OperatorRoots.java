package org.chorusedi.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Roots as an operator prepares them, from sample-flows/, for tests that run the engine's command line. */
public final class OperatorRoots {

    /** The invoice to the ministry, delivered once the sample directory is imported. */
    public static final String FLOW = "01-ubl-ministere-livree.xml";
    /** Short delays, given on the command line: they win over every other source. */
    public static final List<String> FAST = List.of("-Dchorus.intake.poll-delay-ms=100", "-Dchorus.intake.read-lock-min-age-ms=0",
            "-Dchorus.intake.read-lock-check-interval-ms=100", "-Dchorus.once.idle-seconds=2");

    private OperatorRoots() {
    }

    /** A root holding the sample directory and partner registry in directory/ and one flow in in/AAA001/. */
    public static Path withAFlow(Path root) throws IOException {
        Path samples = Path.of("sample-flows").toAbsolutePath();
        Files.createDirectories(root.resolve("directory"));
        Files.createDirectories(root.resolve("in/AAA001"));
        Files.copy(samples.resolve("directory/annuaire.csv"), root.resolve("directory/annuaire.csv"));
        Files.copy(samples.resolve("directory/partenaires.csv"), root.resolve("directory/partenaires.csv"));
        Files.copy(samples.resolve("in/AAA001").resolve(FLOW), root.resolve("in/AAA001").resolve(FLOW));
        return root;
    }

    /** The ids of the flows acknowledged to AAA001 under the root. */
    public static List<String> acknowledgedFlows(Path root) throws IOException {
        Path ack = root.resolve("ack/AAA001");
        if (!Files.isDirectory(ack)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(ack)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".flux.xml"))
                    .map(n -> n.substring(0, n.length() - ".flux.xml".length())).sorted().toList();
        }
    }

    /** {@code run --once} and then the settings. */
    public static String[] runOnce(String... more) {
        return Stream.of(Stream.of("run", "--once"), FAST.stream(), Stream.of(more)).flatMap(s -> s).toArray(String[]::new);
    }
}
