package org.chorusedi.engine;

import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM (systemctl stop, docker stop) and SIGINT (Ctrl-C) stop the engine as an ordinary event. The JVM's own
 * handling of these signals would run every shutdown hook at once, the database's among them, while Camel still waits
 * for the flows in progress, and end the process with 143 whatever they became. Here a signal only asks: no new flow
 * is taken, the flows in progress are finished within {@code camel.main.shutdown-timeout}, then the engine closes in
 * order (flows left handed back to in/, the node's lease dropped, the database closed last) and {@code run} returns 0.
 * A second signal hands back at once every flow not committed yet. A signal during start-up lets the start finish
 * the step it is in (opening the database, importing the directory), then the engine stops before taking any flow.
 */
final class StopSignals {

    private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);

    private int received;
    private Engine engine;
    private Main main;

    private StopSignals() {
    }

    /** From now on, SIGTERM and SIGINT stop the engine attached, or the start-up before it is attached. */
    static StopSignals install() {
        StopSignals signals = new StopSignals();
        Signal.handle(new Signal("TERM"), signals::received);
        Signal.handle(new Signal("INT"), signals::received);
        return signals;
    }

    /** True once a stop was asked for. */
    synchronized boolean requested() {
        return received > 0;
    }

    /** The engine and its Camel application, about to run: stopped at once if a signal came during the start-up. */
    synchronized void attach(Engine engine, Main main) {
        this.engine = engine;
        this.main = main;
        if (received > 0) {
            stop();
        }
    }

    private synchronized void received(Signal signal) {
        received++;
        if (engine == null) {
            LOG.info("SIG{} received during start-up: the engine stops once the step under way is done", signal.getName());
        } else if (received == 1) {
            LOG.info("SIG{} received: stopping; no new flow is taken, the flows in progress are finished first", signal.getName());
            stop();
        } else {
            LOG.warn("SIG{} received again: every flow not committed yet is handed back to in/ now", signal.getName());
            engine.flowIntake().handBack();
        }
    }

    private void stop() {
        engine.flowIntake().stop();
        main.completed();
    }
}
