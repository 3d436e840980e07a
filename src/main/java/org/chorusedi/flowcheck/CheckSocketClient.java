package org.chorusedi.flowcheck;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.chorusedi.flow.DepositMode;

/** {@code validate --root}'s side of the socket: the engine running on that root is asked first. */
public final class CheckSocketClient {

    private CheckSocketClient() {
    }

    /**
     * What the engine answered, or why it did not.
     *
     * @param result the check, as the engine made it; null when there was none
     * @param reason why there was none: no engine listens, it disconnected, it could not check this file
     */
    public record Answer(FlowCheck.Result result, String reason) {
    }

    /** Asks the engine listening on {@code socket} to check {@code file}; waits as long as the check takes. */
    public static Answer ask(Path socket, Path file, String partner, DepositMode mode) {
        if (!Files.exists(socket)) {
            return new Answer(null, "no engine listens on " + socket);
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            // A socket file left by a killed engine refuses the connection at once.
            channel.connect(UnixDomainSocketAddress.of(socket));
            CheckWire.writeRequest(new CheckWire.Request(file.toAbsolutePath().normalize(), partner, mode), Channels.newOutputStream(channel));
            FlowCheck.Result result = CheckWire.readAnswer(Channels.newInputStream(channel));
            return result.status() == CheckWire.NOT_CHECKED
                    ? new Answer(null, "the engine on " + socket + " did not check it: " + result.notes())
                    : new Answer(result, null);
        } catch (IOException | RuntimeException e) {
            return new Answer(null, "the engine on " + socket + " did not answer: " + e);
        }
    }
}
