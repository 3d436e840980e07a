package org.chorusedi.flowcheck;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running engine answers {@code validate --root} on a Unix domain socket in its root, with its rules already
 * compiled and its classes loaded: a check costs what the check costs, not a JVM's start. Only the engine's own user
 * may ask: the socket file is readable and writable by its owner alone, and a client of another user is
 * disconnected (its peer credentials). A client names a file by its path (CheckWire): the engine reads it as
 * {@code validate} would, under the same limits. A client has {@code chorus.validate.request-seconds} to send its
 * request and as long to read each answer before it is disconnected; {@code chorus.validate.threads} check at once,
 * as many wait, and a client past them is disconnected (validate then checks in its own process).
 */
public final class CheckSocket extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(CheckSocket.class);

    private final Path path;
    private final CheckSocketSettings settings;
    /** The check, made once Camel has started (a life-cycle document is read with its type converters). */
    private final Function<CamelContext, FlowCheck> checks;
    private final Set<SocketChannel> clients = ConcurrentHashMap.newKeySet();
    private volatile FlowCheck check;
    private ServerSocketChannel server;
    private ThreadPoolExecutor workers;
    private ScheduledExecutorService deadlines;
    private UserPrincipal owner;

    public CheckSocket(Path path, CheckSocketSettings settings, Function<CamelContext, FlowCheck> checks) {
        this.path = path;
        this.settings = settings;
        this.checks = checks;
    }

    @Override
    public void afterStart(BaseMainSupport main) {
        try {
            open(checks.apply(main.getCamelContext()));
        } catch (IOException | RuntimeException e) {
            // The engine runs without it: validate checks in its own process.
            LOG.warn("validate --root will not be answered by this engine: {} could not be opened: {}", path, e.toString());
            close();
        }
    }

    @Override
    public void beforeStop(BaseMainSupport main) {
        close();
    }

    /** Listens; a socket file left by an engine that was killed is replaced (this engine holds the root's lock). */
    void open(FlowCheck check) throws IOException {
        this.check = check;
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) || Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(path + " is a file or a folder, not a socket: move it away");
        }
        Files.deleteIfExists(path);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        owner = Files.getOwner(path);
        int threads = settings.threads();
        workers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(threads),
                daemon("chorus-validate"));
        deadlines = Executors.newSingleThreadScheduledExecutor(daemon("chorus-validate-deadlines"));
        Thread acceptor = daemon("chorus-validate-socket").newThread(this::accept);
        acceptor.start();
        LOG.info("validate --root {} is answered by this engine on {}", path.getParent(), path);
    }

    private void accept() {
        while (server.isOpen()) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                // Out of file descriptors, say: the next try after a pause rather than a busy loop.
                LOG.warn("validate's socket could not accept a client: {}", e.toString());
                pause();
                continue;
            }
            try {
                workers.execute(() -> answer(client));
            } catch (RejectedExecutionException e) {
                closeQuietly(client);
            }
        }
    }

    private void answer(SocketChannel client) {
        clients.add(client);
        try {
            if (!sameUser(client)) {
                LOG.warn("a client of validate's socket that is not the engine's user ({}) was disconnected", owner);
                return;
            }
            CheckWire.Request request;
            ScheduledFuture<?> reading = deadline(client);
            try {
                request = CheckWire.readRequest(new BufferedInputStream(Channels.newInputStream(client), CheckWire.MAX_REQUEST_BYTES));
            } catch (CheckWire.BadRequest e) {
                reply(client, CheckWire.NOT_CHECKED, new byte[0], e.getMessage());
                return;
            } finally {
                reading.cancel(false);
            }
            FlowCheck.Result result;
            try {
                result = check(request);
            } catch (FlowCheck.NeedsRoot | IOException | RuntimeException e) {
                LOG.warn("validate of {} by the engine failed: {}", request.file(), e.toString());
                result = new FlowCheck.Result(CheckWire.NOT_CHECKED, new byte[0], e.toString());
            }
            reply(client, result.status(), result.report(), result.notes());
        } catch (IOException e) {
            // Gone, or too slow: its deadline closed it.
            LOG.debug("a client of validate's socket left: {}", e.toString());
        } finally {
            clients.remove(client);
            closeQuietly(client);
        }
    }

    private FlowCheck.Result check(CheckWire.Request request) throws IOException, FlowCheck.NeedsRoot {
        if (!Files.isRegularFile(request.file())) {
            return new FlowCheck.Result(CheckWire.NOT_CHECKED, new byte[0], "no such file: " + request.file());
        }
        return check.check(request.file(), request.partner(), request.mode());
    }

    private void reply(SocketChannel client, int status, byte[] report, String notes) throws IOException {
        ScheduledFuture<?> writing = deadline(client);
        try {
            OutputStream out = Channels.newOutputStream(client);
            CheckWire.writeAnswer(status, report, notes, out);
        } finally {
            writing.cancel(false);
        }
    }

    /** Closes the client once the request timeout has passed: a blocked read or write then fails at once. */
    private ScheduledFuture<?> deadline(SocketChannel client) {
        return deadlines.schedule(() -> closeQuietly(client), settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The peer's user, as the kernel says (SO_PEERCRED); where it cannot say, the file's permissions alone. */
    private boolean sameUser(SocketChannel client) throws IOException {
        try {
            UnixDomainPrincipal peer = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
            return peer.user().equals(owner);
        } catch (UnsupportedOperationException e) {
            return true;
        }
    }

    /** Stops listening, disconnects every client (those waiting then check in their own process) and removes the socket file. */
    void close() {
        try {
            if (server != null) {
                server.close();
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.warn("validate's socket {} could not be removed: {}", path, e.toString());
        }
        if (workers != null) {
            workers.shutdownNow();
            deadlines.shutdownNow();
        }
        clients.forEach(CheckSocket::closeQuietly);
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(SocketChannel client) {
        try {
            client.close();
        } catch (IOException e) {
            // already gone
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
