package org.chorusedi.web;

import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.chorusedi.dume.DumeLanguage;
import org.chorusedi.dume.DumePage;
import org.chorusedi.dume.DumeProblem;
import org.chorusedi.dume.DumeReader;
import org.chorusedi.text.Printable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operators' DUME page (docs/operators/dume.md): a DUME dropped on the page is sent as the body of
 * {@value #VIEW} and its page comes back; one kept under the root is shown by its 8-character identifier,
 * {@code /dume/<id>} for {@code dume/<id>.xml}. Behind the operators' credentials (OpsAccess.PATHS); read-only.
 * A DUME's page runs nothing: its answers say so to the browser (no script, its style inline).
 */
public final class DumeRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(DumeRoutes.class);

    static final String VIEW = OpsRoutes.API + "/dume/view";
    /** A DUME kept under the root is named by its identifier, as on Chorus Pro. */
    static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9]{8}");

    /** The form page: its own script and style; a DUME's page shown in its frame brings its style inline. */
    private static final String FORM_POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline'; object-src 'none'";
    /** A DUME's page: no script of any kind, nothing fetched, its style inline. */
    private static final String PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'";

    private final DumeReader reader;
    private final Path kept;

    public DumeRoutes(DumeReader reader, Path kept) {
        this.reader = reader;
        this.kept = kept;
    }

    @Override
    public void configure() {
        byte[] form = resource("dume.html");
        byte[] script = resource("dume.js");
        from("platform-http:/dume?httpMethodRestrict=GET").routeId("dume-page")
                .process(e -> answer(e, 200, "text/html; charset=utf-8", form, FORM_POLICY));
        from("platform-http:/ops/dume.js?httpMethodRestrict=GET").routeId("dume-page-script")
                .process(e -> answer(e, 200, "text/javascript; charset=utf-8", script, FORM_POLICY));
        from("platform-http:/dume/{id}?httpMethodRestrict=GET").routeId("dume-kept").process(this::kept);
        // The body is read here as it arrives (RequestBody, as the partners' deposits), bounded, not by the server's
        // body handler, which has no limit.
        from("platform-http:" + VIEW + "?httpMethodRestrict=POST&useBodyHandler=false").routeId("dume-view").process(this::view);
    }

    private void kept(Exchange exchange) throws IOException {
        Optional<DumeLanguage> lang = language(exchange);
        if (lang.isEmpty()) {
            return;
        }
        String id = Printable.capped(exchange.getMessage().getHeader("id", String.class), 100);
        if (!IDENTIFIER.matcher(id).matches()) {
            page(exchange, 404, DumePage.refused(id, List.of(new DumeProblem(0, 0,
                    "not a DUME identifier: 8 letters and digits, as AB12CD34")), lang.get()));
            return;
        }
        Path file = kept.resolve(id + ".xml");
        // a link could lead anywhere on the disk: only the root's own files are shown
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            page(exchange, 404, DumePage.refused(id, List.of(new DumeProblem(0, 0,
                    "no DUME " + id + " kept under the root (dume/" + id + ".xml)")), lang.get()));
            return;
        }
        shown(exchange, reader.read(file), file.getFileName().toString(), lang.get());
    }

    private void view(Exchange exchange) throws IOException {
        RequestBody body = new RequestBody(exchange.getMessage().getBody(HttpServerRequest.class));
        try {
            Optional<DumeLanguage> lang = language(exchange);
            if (lang.isEmpty()) {
                return;
            }
            String name = Optional.ofNullable(QueryString.of(exchange).get("name")).map(n -> Printable.capped(n, 100)).orElse("DUME");
            if (body.announcedLongerThan(DumeReader.MAX_BYTES)) {
                LOG.warn("DUME refused (413): {} announced over {} bytes", name, DumeReader.MAX_BYTES);
                page(exchange, 413, DumePage.refused(name, List.of(DumeReader.tooLarge(-1)), lang.get()));
                return;
            }
            // Read as it arrives, never past the cap: a longer body is refused, the rest of it never read.
            DumeReader.Reading reading;
            try (InputStream in = body.stream()) {
                reading = reader.read(in, name);
            }
            if (reading.tooLarge()) {
                LOG.warn("DUME refused (413): {} over {} bytes", name, DumeReader.MAX_BYTES);
                page(exchange, 413, DumePage.refused(name, reading.problems(), lang.get()));
                return;
            }
            shown(exchange, reading, name, lang.get());
        } finally {
            body.endUnread(exchange);
        }
    }

    private static void shown(Exchange exchange, DumeReader.Reading reading, String name, DumeLanguage lang) {
        if (reading.dume().isPresent()) {
            page(exchange, 200, DumePage.of(reading.dume().get(), lang));
        } else {
            LOG.info("DUME {} refused (422): {} reason(s), the first: {}", name, reading.problems().size(),
                    Printable.capped(reading.problems().get(0).toString(), 300));
            page(exchange, 422, DumePage.refused(name, reading.problems(), lang));
        }
    }

    /** The page's language, fr by default; anything else is answered 400. */
    private static Optional<DumeLanguage> language(Exchange exchange) {
        String lang = QueryString.of(exchange).get("lang");
        Optional<DumeLanguage> chosen = lang == null ? Optional.of(DumeLanguage.FR) : DumeLanguage.of(lang);
        if (chosen.isEmpty()) {
            answer(exchange, 400, "text/plain; charset=utf-8", "lang: fr or en".getBytes(StandardCharsets.UTF_8), PAGE_POLICY);
        }
        return chosen;
    }

    private static void page(Exchange exchange, int status, String html) {
        answer(exchange, status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), PAGE_POLICY);
    }

    private static void answer(Exchange exchange, int status, String type, byte[] body, String policy) {
        JsonAnswers.answer(exchange, status, type, body);
        exchange.getMessage().setHeader("Content-Security-Policy", policy);
    }

    private static byte[] resource(String file) {
        try (InputStream in = DumeRoutes.class.getResourceAsStream("/web/" + file)) {
            if (in == null) {
                throw new IllegalStateException("the jar has no web/" + file);
            }
            // the DUME page's own form and script, shipped in the jar: a few kilobytes
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read web/" + file + " from the jar", e);
        }
    }
}
