package org.chorusedi.engine;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM (systemctl stop, docker stop) and SIGINT (Ctrl-C) stop the engine as an ordinary event. The JVM's own
 * handling of these signals would run every shutdown hook at once, the database's among them, while Camel still waits
 * for the flows in progress, and end the process with 143 whatever they became. Here the signal only asks: no new flow
 * is taken, the flows in progress are finished within {@code camel.main.shutdown-timeout}, then the engine closes in
 * order (flows left handed back to in/, the node's lease dropped, the database closed last) and {@code run} returns 0.
 * A second signal hands back at once every flow not committed yet.
 */
final class StopSignals {

    private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);

    private StopSignals() {
    }

    /** From now on, SIGTERM and SIGINT stop {@code main} and {@code engine} as said above. */
    static void install(Main main, Engine engine) {
        AtomicInteger received = new AtomicInteger();
        Signal.handle(new Signal("TERM"), signal -> stop(signal, received.incrementAndGet(), main, engine));
        Signal.handle(new Signal("INT"), signal -> stop(signal, received.incrementAndGet(), main, engine));
    }

    private static void stop(Signal signal, int count, Main main, Engine engine) {
        if (count == 1) {
            LOG.info("SIG{} received: stopping; no new flow is taken, the flows in progress are finished first", signal.getName());
            engine.flowIntake().stop();
            main.completed();
        } else {
            LOG.warn("SIG{} received again: every flow not committed yet is handed back to in/ now", signal.getName());
            engine.flowIntake().handBack();
        }
    }
}
