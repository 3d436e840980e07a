package org.chorusedi.draft;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.chorusedi.controls.Siret;
import org.chorusedi.directory.DirectoryLookup;
import org.chorusedi.directory.Service;
import org.chorusedi.directory.Structure;
import org.chorusedi.flow.AttachmentRules;
import org.chorusedi.intake.Deposits;
import org.chorusedi.ledger.ApiDeposits;
import org.chorusedi.recognition.Field;
import org.chorusedi.recognition.InvoiceRecognizer;
import org.chorusedi.recognition.Iso4217;
import org.chorusedi.recognition.PdfTextReader;
import org.chorusedi.recognition.RecognisedInvoiceXml;
import org.chorusedi.recognition.Recognition;
import org.chorusedi.recognition.UnreadablePdf;

/**
 * PDF deposits over the API in two steps, as Chorus Pro's portal takes them (docs/partners/pdf-deposit.md): a PDF
 * deposited is recognised and kept as a draft; its client reads the draft, adds attachments, then submits it with its
 * values completed or corrected, and the engine deposits the invoice built from them as a mixed flow (the minimal
 * invoice carrying the PDF), decided like any flow. A draft is never delivered by itself: unsubmitted, it is deleted
 * once it expires. Drafts live under {@code <root>/drafts/<partner>/<draft id>/}, each file written aside and renamed.
 */
public final class PdfDrafts {

    /** A draft's files. */
    private static final String PDF = "document.pdf";
    private static final String DRAFT = "draft.json";
    private static final String ATTACHMENTS = "attachments";
    private static final String SUBMISSION = "submission.json";
    /** Attachments one draft may hold: a cap on what a client can make grow. */
    public static final int MAX_ATTACHMENTS = 100;
    /** Drafts a partner may have waiting (not expired), submitted ones included: a cap on the disk a client can fill. */
    public static final int MAX_DRAFTS_PER_PARTNER = 100;
    /** What the invoice's XML adds to the PDF and its attachments in the invoice's size (I15), and more. */
    private static final long XML_ALLOWANCE = 64 * 1024;
    /** The lengths the engine's controls allow (I09). */
    private static final Map<Field, Integer> MAX_LENGTHS = Map.of(Field.INVOICE_NUMBER, 20, Field.ENGAGEMENT, 50, Field.SERVICE_CODE, 100);
    /** A submission's JSON: its values, a few hundred bytes. */
    public static final long MAX_SUBMISSION_BYTES = 64 * 1024;
    /** A draft folder without its draft.json this long after it was made was cut short: deleted with the expired. */
    private static final Duration UNFINISHED = Duration.ofHours(1);

    private static final Pattern AMOUNT = Pattern.compile("-?\\d{1,15}(\\.\\d{1,2})?");
    private static final Pattern DRAFT_ID = Pattern.compile("D[0-9a-f]{32}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** A call refused for what it is: its HTTP status, its message, and a reason code when the PDF is at fault. */
    public static final class Refused extends Exception {
        private final int status;
        private final String code;

        public Refused(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }

        public int status() {
            return status;
        }

        /** F02, F12, F15, or null. */
        public String code() {
            return code;
        }
    }

    private final Path root;
    private final DirectoryLookup directory;
    private final Deposits deposits;
    private final Clock clock;
    private final Duration lifetime;
    private final long maxFlowBytes;
    private final SecureRandom random = new SecureRandom();
    /**
     * One lock per draft, for this engine: an attachment is added, the draft submitted or swept, one at a time. (Two
     * nodes of a cluster do not share it: see docs/partners/pdf-deposit.md.)
     */
    private final ConcurrentHashMap<Path, ReentrantLock> locks = new ConcurrentHashMap<>();

    /**
     * @param root     {@code <root>/drafts}
     * @param lifetime {@code chorus.pdf.draft-hours}: how long a draft waits for its submission
     */
    public PdfDrafts(Path root, DirectoryLookup directory, Deposits deposits, Clock clock, Duration lifetime, long maxFlowBytes) {
        this.root = root;
        this.directory = directory;
        this.deposits = deposits;
        this.clock = clock;
        this.lifetime = lifetime;
        this.maxFlowBytes = maxFlowBytes;
    }

    /** Keeps the PDF, recognises it, and answers the draft (the partner's expired drafts are deleted first). */
    public JsonObject create(String partner, String fileName, InputStream body) throws Refused, IOException {
        String problem = Deposits.nameProblem(fileName);
        if (problem == null && !fileName.toLowerCase(Locale.ROOT).endsWith(".pdf")) {
            problem = "a PDF's name ends in .pdf";
        }
        if (problem != null) {
            throw new Refused(400, null, "name: " + problem);
        }
        // The PDF is the invoice's first attachment: its name is held to the attachment rules.
        String attachmentProblem = AttachmentRules.nameProblem(fileName);
        if (attachmentProblem != null) {
            throw new Refused(400, "I13", "name: " + attachmentProblem);
        }
        Path partnerFolder = Files.createDirectories(root.resolve(partner));
        deleteExpired();
        try (Stream<Path> waiting = Files.list(partnerFolder)) {
            if (waiting.count() >= MAX_DRAFTS_PER_PARTNER) {
                throw new Refused(429, null, "partner " + partner + " has " + MAX_DRAFTS_PER_PARTNER + " drafts waiting already:"
                        + " submit them, or let them expire");
            }
        }
        String id = "D" + HexFormat.of().formatHex(randomBytes());
        Path folder = Files.createDirectory(partnerFolder.resolve(id));
        try {
            store(body, folder.resolve(PDF), PdfTextReader.MAX_DEPOSIT_BYTES, "a PDF deposit is at most "
                    + PdfTextReader.MAX_DEPOSIT_BYTES + " bytes (120 MB)", "F02");
            Recognition recognition;
            try {
                recognition = InvoiceRecognizer.recognise(new PdfTextReader(PdfTextReader.MAX_DEPOSIT_BYTES).read(folder.resolve(PDF)));
            } catch (UnreadablePdf e) {
                throw new Refused(422, e.code().name(), fileName + ": " + e.toSender());
            }
            Instant now = clock.instant();
            JsonObject draft = DraftJson.of(id, fileName, now, now.plus(lifetime), recognition);
            writeAtomically(folder.resolve(DRAFT), Jsoner.serialize(draft));
            return answer(partner, id, draft);
        } catch (Refused | IOException | RuntimeException e) {
            deleteTree(folder);
            throw e;
        }
    }

    /** The draft, its directory answer as the directory is now. */
    public JsonObject read(String partner, String id) throws Refused, IOException {
        return answer(partner, id, stored(partner, id));
    }

    /**
     * The drafts not expired, every partner's, for the operators' page: newest first, at most {@code limit}, each with
     * where it stands (waiting for its submission, or submitted as a flow). Expired ones are left out, not deleted.
     */
    public JsonObject overview(int limit) throws IOException {
        Instant now = clock.instant();
        List<JsonObject> drafts = new ArrayList<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> folders = Files.list(root)) {
                for (Path partnerFolder : folders.filter(Files::isDirectory).toList()) {
                    try (Stream<Path> partnerDrafts = Files.list(partnerFolder)) {
                        for (Path folder : partnerDrafts.toList()) {
                            summary(partnerFolder.getFileName().toString(), folder, now).ifPresent(drafts::add);
                        }
                    }
                }
            }
        }
        drafts.sort(Comparator.comparing((JsonObject d) -> d.getString("createdAt")).reversed());
        JsonObject answer = new JsonObject();
        answer.put("lifetimeHours", lifetime.toHours());
        answer.put("waiting", drafts.stream().filter(d -> d.get("flowId") == null).count());
        answer.put("submitted", drafts.stream().filter(d -> d.get("flowId") != null).count());
        answer.put("drafts", new JsonArray(drafts.subList(0, Math.min(limit, drafts.size()))));
        return answer;
    }

    private Optional<JsonObject> summary(String partner, Path folder, Instant now) throws IOException {
        JsonObject draft;
        try {
            draft = readJson(folder.resolve(DRAFT));
        } catch (NoSuchFileException e) {
            return Optional.empty(); // being made, or cut short
        } catch (org.apache.camel.util.json.DeserializationException | ClassCastException e) {
            return Optional.empty();
        }
        if (!now.isBefore(Instant.parse(draft.getString("expiresAt")))) {
            return Optional.empty();
        }
        JsonObject summary = new JsonObject();
        summary.put("partner", partner);
        summary.put("draftId", draft.getString("draftId"));
        summary.put("fileName", draft.getString("fileName"));
        summary.put("createdAt", draft.getString("createdAt"));
        summary.put("expiresAt", draft.getString("expiresAt"));
        summary.put("complete", draft.getBoolean("complete"));
        summary.put("missing", draft.get("missing"));
        summary.put("flowId", submission(partner, folder).map(ApiDeposits.Deposit::flowId).orElse(null));
        return Optional.of(summary);
    }

    /** Keeps an attachment for the submission: the attachment rules (a name of 50 characters, 35 extensions, 10 MB). */
    public JsonObject attach(String partner, String id, String name, InputStream body) throws Refused, IOException {
        stored(partner, id);
        Path folder = folder(partner, id);
        String problem = AttachmentRules.nameProblem(name);
        if (problem != null) {
            throw new Refused(400, "I13", "attachment name: " + problem);
        }
        Path attachments = Files.createDirectories(folder.resolve(ATTACHMENTS));
        // Received under a name of its own, then numbered and renamed under the draft's lock: two uploads of one name
        // are both kept, and one that ends after the draft's submission is refused rather than left out of it.
        Path upload = attachments.resolve(".upload-" + HexFormat.of().formatHex(randomBytes()) + ".part");
        try {
            store(body, upload, AttachmentRules.MAX_ATTACHMENT_BYTES, "an attachment is at most " + AttachmentRules.MAX_ATTACHMENT_BYTES
                    + " bytes (10 MB)", "I14");
            return locked(folder, () -> {
                if (Files.exists(folder.resolve(SUBMISSION))) {
                    throw new Refused(409, null, "draft " + id + " was submitted: it takes no more attachment");
                }
                List<Path> kept = attachments(folder);
                if (kept.size() >= MAX_ATTACHMENTS) {
                    throw new Refused(409, null, "draft " + id + " holds " + MAX_ATTACHMENTS + " attachments already");
                }
                Files.move(upload, attachments.resolve(String.format("%03d-%s", kept.size() + 1, name)), StandardCopyOption.ATOMIC_MOVE);
                return answer(partner, id, stored(partner, id));
            });
        } finally {
            Files.deleteIfExists(upload);
        }
    }

    /**
     * Builds the invoice of the draft's values, corrected by {@code corrections} (a value null removes one), and
     * deposits it with the PDF and the attachments; submitted again, the same flow is answered, and nothing deposited.
     */
    public ApiDeposits.Deposit submit(String partner, String id, String corrections) throws Refused, IOException {
        stored(partner, id);
        Path folder = folder(partner, id);
        return locked(folder, () -> submitLocked(partner, id, folder, corrections));
    }

    private ApiDeposits.Deposit submitLocked(String partner, String id, Path folder, String corrections) throws Refused, IOException {
        JsonObject draft = stored(partner, id);
        Optional<ApiDeposits.Deposit> submitted = submission(partner, folder);
        if (submitted.isPresent()) {
            return submitted.get();
        }
        Map<Field, String> values = checked(DraftJson.values(draft), corrections);
        List<RecognisedInvoiceXml.Attached> carried = new ArrayList<>();
        String fileName = draft.getString("fileName");
        carried.add(new RecognisedInvoiceXml.Attached(fileName, "application/pdf", folder.resolve(PDF)));
        long bytes = Files.size(folder.resolve(PDF));
        for (Path attachment : attachments(folder)) {
            String name = attachment.getFileName().toString().substring(4);
            carried.add(new RecognisedInvoiceXml.Attached(name, mimeType(name), attachment));
            bytes += Files.size(attachment);
        }
        if (bytes + XML_ALLOWANCE > AttachmentRules.MAX_INVOICE_WITH_ATTACHMENTS_BYTES) {
            throw new Refused(413, "I15", "the PDF and its attachments weigh " + bytes + " bytes, over "
                    + AttachmentRules.MAX_INVOICE_WITH_ATTACHMENTS_BYTES + " (120 MB)");
        }
        Path invoice = folder.resolve("invoice.xml");
        ApiDeposits.Deposit deposit;
        try {
            try (Writer xml = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(invoice), StandardCharsets.UTF_8), 1 << 16)) {
                RecognisedInvoiceXml.write(values, carried, xml);
            }
            try (InputStream in = Files.newInputStream(invoice)) {
                deposit = deposits.deposit(partner, fileName.substring(0, fileName.length() - 4) + ".xml", in, maxFlowBytes);
            } catch (Deposits.Refused refused) {
                throw new Refused(refused.tooLarge() ? 413 : 400, null, refused.getMessage());
            }
        } finally {
            Files.deleteIfExists(invoice);
        }
        JsonObject record = new JsonObject();
        record.put("flowId", deposit.flowId());
        record.put("name", deposit.name());
        record.put("submittedAt", deposit.receivedAt().toString());
        writeAtomically(folder.resolve(SUBMISSION), Jsoner.serialize(record));
        return deposit;
    }

    private Optional<ApiDeposits.Deposit> submission(String partner, Path folder) throws IOException {
        try {
            JsonObject record = readJson(folder.resolve(SUBMISSION));
            return Optional.of(new ApiDeposits.Deposit(record.getString("flowId"), partner, record.getString("name"),
                    Instant.parse(record.getString("submittedAt"))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (org.apache.camel.util.json.DeserializationException e) {
            throw new IOException("the submission of " + folder + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The values to build the invoice of: the draft's, then each correction; every required one there and well formed. */
    private static Map<Field, String> checked(Map<Field, String> recognised, String corrections) throws Refused {
        Map<Field, String> values = new EnumMap<>(recognised);
        JsonObject given;
        try {
            Object parsed = Jsoner.deserialize(corrections == null || corrections.isBlank() ? "{}" : corrections);
            if (!(parsed instanceof JsonObject object)) {
                throw new Refused(400, null, "the body is a JSON object: {\"values\": {\"invoiceDate\": \"2026-11-20\", ...}}");
            }
            given = object;
        } catch (org.apache.camel.util.json.DeserializationException e) {
            throw new Refused(400, null, "the body is not JSON: " + e.getMessage());
        }
        Object corrected = given.getOrDefault("values", new JsonObject());
        if (!(corrected instanceof JsonObject correctedValues) || given.keySet().stream().anyMatch(key -> !key.equals("values"))) {
            throw new Refused(400, null, "the body is {\"values\": {...}}, each value a string or null");
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Object> entry : correctedValues.entrySet()) {
            Optional<Field> field = DraftJson.field(entry.getKey());
            if (field.isEmpty()) {
                problems.add(entry.getKey() + ": no such value (" + DraftJson.names() + ")");
            } else if (entry.getValue() == null) {
                values.remove(field.get());
            } else if (!(entry.getValue() instanceof String text)) {
                problems.add(entry.getKey() + ": a string or null");
            } else {
                values.put(field.get(), text.strip());
            }
        }
        for (Field field : Field.values()) {
            String value = values.get(field);
            if (value == null) {
                if (field.required()) {
                    problems.add(DraftJson.name(field) + ": required, " + field.label());
                }
                continue;
            }
            String problem = problem(field, value);
            if (problem != null) {
                problems.add(DraftJson.name(field) + ": " + problem);
            }
        }
        if (!problems.isEmpty()) {
            throw new Refused(400, null, String.join("; ", problems));
        }
        return values;
    }

    /** Why the engine would refuse this value once built into the invoice, or null: refused here, before a 202. */
    private static String problem(Field field, String value) {
        int max = MAX_LENGTHS.getOrDefault(field, 100);
        if (value.isEmpty() || value.length() > max || value.codePoints().anyMatch(c -> !AttachmentRules.xmlCharacter(c) || c == 0x7F)) {
            return "1 to " + max + " characters, none a control character";
        }
        return switch (field) {
            case RECIPIENT_SIRET, SUPPLIER_SIRET -> Siret.isValid(value) ? null : "14 digits passing their check (Luhn)";
            case INVOICE_DATE -> {
                try {
                    LocalDate.parse(value);
                    yield DATE.matcher(value).matches() ? null : "a date, yyyy-MM-dd";
                } catch (DateTimeParseException e) {
                    yield "a date, yyyy-MM-dd";
                }
            }
            case AMOUNT_BEFORE_TAX, VAT_AMOUNT, TOTAL_AMOUNT -> AMOUNT.matcher(value).matches() ? null : "an amount, 1234.56";
            case CURRENCY -> Iso4217.known(value) ? null : "an ISO 4217 code, EUR";
            default -> null;
        };
    }

    /** The draft as its client reads it: what was recognised, and the directory's answer on its recipient as it is now. */
    private JsonObject answer(String partner, String id, JsonObject stored) throws IOException {
        JsonObject answer = new JsonObject(stored);
        Map<Field, String> values = DraftJson.values(stored);
        answer.put("recipient", recipient(values.get(Field.RECIPIENT_SIRET), values.get(Field.SERVICE_CODE)));
        Path folder = folder(partner, id);
        JsonArray attachments = new JsonArray();
        for (Path attachment : attachments(folder)) {
            JsonObject one = new JsonObject();
            one.put("name", attachment.getFileName().toString().substring(4));
            one.put("bytes", Files.size(attachment));
            attachments.add(one);
        }
        answer.put("attachments", attachments);
        answer.put("submission", submission(partner, folder).map(deposit -> {
            JsonObject submitted = new JsonObject();
            submitted.put("flowId", deposit.flowId());
            submitted.put("submittedAt", deposit.receivedAt().toString());
            return submitted;
        }).orElse(null));
        return answer;
    }

    /** What the directory says of the recipient: known, active, what it requires; of the service code too. */
    private JsonObject recipient(String siret, String serviceCode) {
        JsonObject recipient = new JsonObject();
        recipient.put("siret", siret);
        Optional<Structure> structure = siret == null ? Optional.empty() : directory.structure(siret);
        recipient.put("known", structure.isPresent());
        structure.ifPresent(s -> {
            recipient.put("name", s.name());
            recipient.put("active", s.active());
            recipient.put("serviceCodeRequired", s.serviceCodeRequired());
            recipient.put("engagementRequired", s.engagementRequired());
            recipient.put("engagementOrServiceCodeRequired", s.engagementOrServiceCodeRequired());
            if (serviceCode != null) {
                Optional<Service> service = directory.service(siret, serviceCode);
                JsonObject known = new JsonObject();
                known.put("code", serviceCode);
                known.put("known", service.isPresent());
                service.ifPresent(found -> {
                    known.put("active", found.active());
                    known.put("engagementRequired", found.engagementRequired());
                });
                recipient.put("service", known);
            }
        });
        return recipient;
    }

    /** The stored draft of this partner: 404 when there is none (or another partner's), 410 once expired (deleted). */
    private JsonObject stored(String partner, String id) throws Refused, IOException {
        if (id == null || !DRAFT_ID.matcher(id).matches()) {
            throw new Refused(404, null, "no such draft");
        }
        Path folder = folder(partner, id);
        JsonObject draft;
        try {
            draft = readJson(folder.resolve(DRAFT));
        } catch (NoSuchFileException e) {
            throw new Refused(404, null, "no such draft");
        } catch (org.apache.camel.util.json.DeserializationException e) {
            throw new IOException("draft " + folder + " cannot be read: " + e.getMessage(), e);
        }
        if (!clock.instant().isBefore(Instant.parse(draft.getString("expiresAt")))) {
            deleteUnlessBusy(folder);
            throw new Refused(410, null, "draft " + id + " expired at " + draft.getString("expiresAt") + " and was deleted: deposit the PDF again");
        }
        return draft;
    }

    private Path folder(String partner, String id) {
        return root.resolve(partner).resolve(id);
    }

    /**
     * Every partner's drafts past their expiry, and folders of a draft whose creation was cut short; a draft whose lock
     * is held (being submitted) is left for the next sweep. Run at each deposit of a draft.
     */
    private void deleteExpired() throws IOException {
        Instant now = clock.instant();
        List<Path> folders = new ArrayList<>();
        try (Stream<Path> partners = Files.list(root)) {
            for (Path partnerFolder : partners.filter(Files::isDirectory).toList()) {
                try (Stream<Path> drafts = Files.list(partnerFolder)) {
                    folders.addAll(drafts.toList());
                } catch (NoSuchFileException gone) {
                    // swept meanwhile
                }
            }
        }
        for (Path folder : folders) {
            if (expired(folder, now)) {
                deleteUnlessBusy(folder);
            }
        }
    }

    /** Deletes a draft unless another call holds its lock (a submission): the next sweep deletes it then. */
    private void deleteUnlessBusy(Path folder) throws IOException {
        ReentrantLock lock = locks.computeIfAbsent(folder, f -> new ReentrantLock());
        if (lock.tryLock()) {
            try {
                deleteTree(folder);
            } finally {
                lock.unlock();
                locks.remove(folder, lock);
            }
        }
    }

    private static boolean expired(Path folder, Instant now) throws IOException {
        try {
            JsonObject draft = readJson(folder.resolve(DRAFT));
            return !now.isBefore(Instant.parse(draft.getString("expiresAt")));
        } catch (NoSuchFileException e) {
            try {
                Instant made = Files.readAttributes(folder, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).creationTime().toInstant();
                return made.plus(UNFINISHED).isBefore(now);
            } catch (NoSuchFileException gone) {
                return false;
            }
        } catch (org.apache.camel.util.json.DeserializationException | RuntimeException e) {
            return true;
        }
    }

    private interface Locked<T> {
        T run() throws Refused, IOException;
    }

    /** Runs under the draft's lock. */
    private <T> T locked(Path folder, Locked<T> work) throws Refused, IOException {
        ReentrantLock lock = locks.computeIfAbsent(folder, f -> new ReentrantLock());
        lock.lock();
        try {
            return work.run();
        } finally {
            lock.unlock();
        }
    }

    /**
     * A draft's own JSON (draft.json, submission.json): written by the engine, a few kilobytes (the values read, at
     * most ten, each with a context of 160 characters), read whole.
     */
    private static JsonObject readJson(Path file) throws IOException, org.apache.camel.util.json.DeserializationException {
        return (JsonObject) Jsoner.deserialize(Files.readString(file));
    }

    private static List<Path> attachments(Path folder) throws IOException {
        Path attachments = folder.resolve(ATTACHMENTS);
        if (!Files.isDirectory(attachments)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(attachments)) {
            return files.filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    /** Copies with a fixed buffer, forced to disk: past {@code max} bytes, refused (413) without reading further. */
    private static void store(InputStream body, Path file, long max, String tooLarge, String code) throws IOException, Refused {
        long size = 0;
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             OutputStream stream = java.nio.channels.Channels.newOutputStream(out)) {
            byte[] buffer = new byte[64 * 1024];
            for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                size += read;
                if (size > max) {
                    throw new Refused(413, code, tooLarge);
                }
                stream.write(buffer, 0, read);
            }
            out.force(true);
        }
        if (size == 0) {
            throw new Refused(400, null, "the body is empty: send the file's bytes");
        }
    }

    private static void writeAtomically(Path file, String content) throws IOException {
        Path aside = file.resolveSibling("." + file.getFileName() + ".part");
        try (FileChannel out = FileChannel.open(aside, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            out.write(java.nio.ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
            out.force(true);
        }
        try {
            Files.move(aside, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(aside);
            throw e;
        }
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String mimeType(String name) {
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return switch (extension) {
            case "pdf" -> "application/pdf";
            case "png" -> "image/png";
            case "jpg", "jpeg" -> "image/jpeg";
            case "xml" -> "text/xml";
            case "csv" -> "text/csv";
            case "txt" -> "text/plain";
            default -> "application/octet-stream";
        };
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (NoSuchFileException | java.io.UncheckedIOException gone) {
            // deleted meanwhile
        }
    }
}
