package org.chorusedi.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * The body of a call as Camel's platform-http hands it over with {@code useBodyHandler=false}: Vert.x's request,
 * paused, not a byte of its body read (docs/partners/api.md, docs/operators/dume.md). The call's credentials are
 * checked first; a deposit, or a DUME to show, then reads the body as it arrives ({@link #stream}), one buffer asked for at a time, so that the client sends no
 * faster than the disk writes and nothing of it waits anywhere else. A body left unread (a refusal) ends the
 * connection after the answer ({@link #endUnread}).
 */
public final class RequestBody {

    /** A deposit whose client sends nothing for this long is dropped: a stalled client holds no thread for longer. */
    static final Duration IDLE = Duration.ofSeconds(60);
    /** What is read and dropped of a body left unread, after the answer, so that a client still sending reads the answer. */
    static final long DROPPED_AFTER_ANSWER = 1024 * 1024;

    private static final Object END = new Object();

    private final HttpServerRequest request;
    private volatile boolean readToEnd;
    private volatile boolean continued;

    public RequestBody(HttpServerRequest request) {
        this.request = request;
    }

    /** Whether the request says its body is longer than {@code max} bytes (Content-Length): refused before it is read. */
    public boolean announcedLongerThan(long max) {
        try {
            return Long.parseLong(request.getHeader(HttpHeaders.CONTENT_LENGTH)) > max;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * The body as it arrives, read on the caller's thread; a client waiting for {@code 100 Continue} is told to send
     * it now. A body cut short, or stalled for {@link #IDLE}, fails the read with an IOException.
     */
    public InputStream stream() {
        BlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
        request.handler(arrived::add);
        request.endHandler(end -> arrived.add(END));
        request.exceptionHandler(arrived::add);
        if (waitsForContinue()) {
            request.response().writeContinue();
            continued = true;
        }
        return new InputStream() {
            private Buffer chunk = Buffer.buffer();
            private int position;
            private boolean ended;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                while (!ended && position == chunk.length()) {
                    next();
                }
                if (ended) {
                    return -1;
                }
                int count = Math.min(length, chunk.length() - position);
                chunk.getBytes(position, position + count, bytes, offset);
                position += count;
                return count;
            }

            /** One more buffer of the body: Vert.x delivers it on its event loop once asked for (fetch). */
            private void next() throws IOException {
                request.fetch(1);
                Object next;
                try {
                    next = arrived.poll(IDLE.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while reading the body");
                }
                if (next == null) {
                    throw new IOException("no byte of the body for " + IDLE.toSeconds() + " s");
                } else if (next == END) {
                    ended = true;
                    readToEnd = true;
                } else if (next instanceof Throwable failure) {
                    throw new IOException("the body was cut short: " + failure.getMessage());
                } else {
                    chunk = (Buffer) next;
                    position = 0;
                }
            }
        };
    }

    /**
     * When the request has a body that was not read to its end (a refusal), it is never read further: the answer says
     * Connection: close, and once it is written the connection is closed, at once when the client waits for 100
     * Continue (it sends nothing), else after at most {@value #DROPPED_AFTER_ANSWER} more bytes of the body are read
     * and dropped, or its end: a client still sending then reads the answer rather than a reset.
     */
    public void endUnread(Exchange exchange) {
        if (readToEnd || !hasBody()) {
            return;
        }
        request.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange answered) {
                dropThenClose();
            }
        });
    }

    private void dropThenClose() {
        HttpConnection connection = request.connection();
        if (request.isEnded() || waitsForContinue()) {
            connection.close();
            return;
        }
        long[] dropped = {0};
        request.exceptionHandler(closed -> { });
        request.endHandler(end -> connection.close());
        request.handler(chunk -> {
            dropped[0] += chunk.length();
            if (dropped[0] > DROPPED_AFTER_ANSWER) {
                connection.close();
            }
        });
        request.resume();
    }

    /** A client that sends its body once told to (100 Continue), and has not been told yet. */
    private boolean waitsForContinue() {
        return !continued && "100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT));
    }

    /** A body announced: Content-Length other than 0, or Transfer-Encoding (the server speaks HTTP/1.1 alone: web.ServerVertx). */
    private boolean hasBody() {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return request.headers().contains(HttpHeaders.TRANSFER_ENCODING) || length != null && !length.strip().equals("0");
    }
}
