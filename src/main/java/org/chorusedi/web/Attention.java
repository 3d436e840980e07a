package org.chorusedi.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.chorusedi.config.Folders;
import org.chorusedi.decision.InvoiceStatus;
import org.chorusedi.intake.FlowIds;
import org.chorusedi.ledger.FlowRow;
import org.chorusedi.ledger.LedgerQueries;
import org.chorusedi.text.Printable;
import org.chorusedi.works.WorksClock;

/**
 * What needs an operator now, most urgent first (docs/operators/watching.md, "Needs attention"): flows parked in
 * failed/ with the first line of their report, publications that cannot finish, every other readiness check that is
 * down (a FAR37 subscriber late, the disk, the database), works drafts past their MOE's delay, technical users whose
 * password expires soon. Each says what to do.
 */
final class Attention {

    /** Items listed at most; the count says how many there are. */
    static final int MAX_ITEMS = 100;
    /** The readiness checks whose items are listed one by one above, not again as a check. */
    private static final Set<String> ITEMISED = Set.of("chorus-parked-flows", "chorus-publications");
    private static final int REPORT_LINE = 300;

    /** A technical user's password and when it expires, as the API's registry has it. */
    record Password(String login, String partner, Instant expiresAt) {
    }

    private final Folders folders;
    private final LedgerQueries ledger;
    private final WorksClock works;
    private final Supplier<Collection<Password>> passwordsExpiringSoon;
    private final Clock clock;

    Attention(Folders folders, LedgerQueries ledger, WorksClock works, Supplier<Collection<Password>> passwordsExpiringSoon, Clock clock) {
        this.folders = folders;
        this.ledger = ledger;
        this.works = works;
        this.passwordsExpiringSoon = passwordsExpiringSoon;
        this.clock = clock;
    }

    JsonObject items(CamelContext camel) {
        List<JsonObject> items = new ArrayList<>();
        parked(items);
        for (FlowRow flow : ledger.stuckPublications()) {
            items.add(item("publication", "flow " + flow.flowId() + " cannot be published", Printable.of(String.valueOf(flow.problem()))
                    + ": put back the file it names, or see docs/operators/guarantees.md", flow.finishedAt() == null ? null : flow.finishedAt().toInstant()));
        }
        for (HealthCheck.Result result : HealthCheckHelper.invokeReadiness(camel)) {
            if (result.getState() == HealthCheck.State.DOWN && !ITEMISED.contains(result.getCheck().getId())) {
                items.add(item("check", result.getCheck().getId() + " is down",
                        result.getMessage().map(Printable::of).orElse("see /observe/health"), null));
            }
        }
        Instant now = clock.instant();
        long late = ledger.countWorksWaiting(InvoiceStatus.A_TRAITER_MOE, works.lateBefore(now));
        if (late > 0) {
            items.add(item("works", late + " works draft(s) past the MOE's delay of " + works.moeDelay().toDays() + " days",
                    "the MOE's partner must answer them (Works waiting, below); the engine never answers for it", null));
        }
        for (Password password : passwordsExpiringSoon.get()) {
            boolean expired = !password.expiresAt().isAfter(now);
            items.add(item("password", "the password of " + password.login() + " (partner " + password.partner() + ") "
                    + (expired ? "expired" : "expires") + " on " + password.expiresAt(),
                    "java -jar chorus-edi.jar partner technical-user reset " + password.login() + ", then give the partner its new password",
                    expired ? password.expiresAt() : null));
        }
        JsonObject answer = new JsonObject();
        answer.put("count", items.size());
        answer.put("items", new JsonArray(items.subList(0, Math.min(MAX_ITEMS, items.size()))));
        return answer;
    }

    /** Each flow parked in failed/<partner>/, oldest first, with its report's first line. */
    private void parked(List<JsonObject> items) {
        List<Path> parked;
        try (Stream<Path> files = Files.walk(folders.failed(), 2)) {
            parked = files.filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))
                    .filter(file -> !file.getFileName().toString().endsWith(Folders.REPORT_SUFFIX))
                    .filter(file -> file.getParent().getParent().equals(folders.failed()))
                    .sorted(Comparator.comparing(Attention::modified)).limit(MAX_ITEMS).toList();
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folders.failed(), e);
        }
        for (Path file : parked) {
            String partner = file.getParent().getFileName().toString();
            String name = file.getFileName().toString();
            JsonObject item = item("parked", "flow parked: failed/" + partner + "/" + Printable.of(name),
                    reportLine(file) + ". Once the cause is gone, retry it (an account with the write role), or move it back into in/"
                            + partner + "/", modified(file));
            // The flow id the page's retry names; none for a file an operator put there by hand.
            String id = name.contains("__") ? name.substring(0, name.indexOf("__")) : "";
            item.put("flowId", FlowIds.FORMAT.matcher(id).matches() ? id : null);
            items.add(item);
        }
    }

    private static String reportLine(Path parked) {
        Path report = parked.resolveSibling(parked.getFileName() + Folders.REPORT_SUFFIX);
        try (BufferedReader in = Files.newBufferedReader(report, StandardCharsets.UTF_8)) {
            char[] line = new char[REPORT_LINE];
            int read = in.read(line);
            String text = read <= 0 ? "" : new String(line, 0, read).lines().findFirst().orElse("");
            return text.isBlank() ? "no report" : Printable.of(text.strip());
        } catch (IOException e) {
            return "no report";
        }
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    private static JsonObject item(String kind, String what, String todo, Instant since) {
        JsonObject item = new JsonObject();
        item.put("kind", kind);
        item.put("what", what);
        item.put("todo", todo);
        item.put("since", since == null ? null : since.toString());
        return item;
    }
}
