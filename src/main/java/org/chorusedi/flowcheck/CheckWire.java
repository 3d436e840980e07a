package org.chorusedi.flowcheck;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.chorusedi.config.Folders;
import org.chorusedi.flow.DepositMode;

/**
 * What {@code validate} and the engine say on the socket. The request is a few lines of text, ended by an empty line:
 * {@code chorus-edi validate 1}, {@code partner CODE}, {@code mode EDI|API}, {@code file /absolute/path}; nothing else
 * is read (at most {@link #MAX_REQUEST_BYTES}). The answer is that first line again, then the exit status (-1: not
 * checked, the notes say why), the report's and the notes' lengths and bytes.
 */
public final class CheckWire {

    private static final String HELLO = "chorus-edi validate 1";
    /** A request names a path and a partner: a few hundred bytes; more is not a request. */
    static final int MAX_REQUEST_BYTES = 8192;
    /** The exit status of an answer that is not a check: the engine could not check this file (a refusal's reason in the notes). */
    static final int NOT_CHECKED = -1;
    /** Past this an answer is not the engine's: a report is a line per invoice, and an invoice limit holds. */
    private static final int MAX_ANSWER_PART_BYTES = 512 * 1024 * 1024;

    private CheckWire() {
    }

    /** A request: the file (absolute, as the client resolved it), its sender and its deposit mode. */
    public record Request(Path file, String partner, DepositMode mode) {
    }

    /** A request that is not one: its reason is sent back, and the connection closed. */
    static final class BadRequest extends IOException {
        BadRequest(String message) {
            super(message);
        }
    }

    static void writeRequest(Request request, OutputStream out) throws IOException {
        String text = HELLO + "\npartner " + request.partner() + "\nmode " + request.mode() + "\nfile " + request.file() + "\n\n";
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads a request up to its empty line, never more than MAX_REQUEST_BYTES, and checks each of its values. */
    static Request readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new BadRequest("the request ended before its empty line");
            }
            if (b == '\n' && previous == '\n') {
                break;
            }
            if (bytes.size() == MAX_REQUEST_BYTES) {
                throw new BadRequest("a request longer than " + MAX_REQUEST_BYTES + " bytes");
            }
            bytes.write(b);
            previous = b;
        }
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        if (!lines[0].equals(HELLO)) {
            throw new BadRequest("not a request of validate (" + HELLO + ")");
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int space = lines[i].indexOf(' ');
            if (space < 0 || values.put(lines[i].substring(0, space), lines[i].substring(space + 1)) != null) {
                throw new BadRequest("a line that is not one name and its value, or a name given twice");
            }
        }
        String partner = values.getOrDefault("partner", "");
        if (!Folders.PARTNER_CODE.matcher(partner).matches()) {
            throw new BadRequest("not a partner code: " + partner);
        }
        DepositMode mode;
        try {
            mode = DepositMode.valueOf(values.getOrDefault("mode", ""));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("not a deposit mode (EDI or API)");
        }
        String file = values.getOrDefault("file", "");
        Path path;
        try {
            path = Path.of(file);
        } catch (RuntimeException e) {
            throw new BadRequest("not a path");
        }
        if (!path.isAbsolute() || values.size() != 3) {
            throw new BadRequest("a request names partner, mode and an absolute file, nothing else");
        }
        return new Request(path, partner, mode);
    }

    static void writeAnswer(int status, byte[] report, String notes, OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        byte[] notesBytes = notes.getBytes(StandardCharsets.UTF_8);
        data.write((HELLO + "\n").getBytes(StandardCharsets.UTF_8));
        data.writeInt(status);
        data.writeInt(report.length);
        data.write(report);
        data.writeInt(notesBytes.length);
        data.write(notesBytes);
        data.flush();
    }

    /** The engine's answer: a check's result, or (status NOT_CHECKED) why it did not check. */
    static FlowCheck.Result readAnswer(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] hello = (HELLO + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] read = new byte[hello.length];
        data.readFully(read);
        if (!Arrays.equals(hello, read)) {
            throw new IOException("not the answer of an engine of this version");
        }
        int status = data.readInt();
        byte[] report = part(data);
        return new FlowCheck.Result(status, report, new String(part(data), StandardCharsets.UTF_8));
    }

    private static byte[] part(DataInputStream data) throws IOException {
        int length = data.readInt();
        if (length < 0 || length > MAX_ANSWER_PART_BYTES) {
            throw new EOFException("an answer's part of " + length + " bytes");
        }
        byte[] part = new byte[length];
        data.readFully(part);
        return part;
    }
}
