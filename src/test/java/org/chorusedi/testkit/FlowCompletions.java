package org.chorusedi.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.chorusedi.intake.DroppedFlow;

/**
 * The flows the intake route finished, told by Camel's own events: an exchange of route {@code flow-intake}
 * completed or failed, its body the {@link DroppedFlow} the engine carried through its steps and retries.
 * Waiting on it is waiting on an event, not polling.
 */
final class FlowCompletions extends EventNotifierSupport {

    /** A finished flow: its place in the order of completions, where it was dropped, its flow id. */
    record Finished(int index, Path dropped, String flowId) {
    }

    private final List<Finished> finished = new ArrayList<>();

    FlowCompletions() {
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event.getType() == CamelEvent.Type.ExchangeCompleted || event.getType() == CamelEvent.Type.ExchangeFailed;
    }

    @Override
    public void notify(CamelEvent event) {
        ExchangeEvent exchangeEvent = (ExchangeEvent) event;
        if ("flow-intake".equals(exchangeEvent.getExchange().getFromRouteId())
                && exchangeEvent.getExchange().getMessage().getBody() instanceof DroppedFlow flow && flow.flowId() != null) {
            synchronized (finished) {
                finished.add(new Finished(finished.size(), flow.dropped(), flow.flowId()));
                finished.notifyAll();
            }
        }
    }

    /** How many flows are finished so far: a mark to wait from. */
    int count() {
        synchronized (finished) {
            return finished.size();
        }
    }

    /** The flow finished at place {@code index}, waiting for it until the deadline ({@link System#nanoTime()}). */
    Optional<Finished> awaitAfter(int index, long deadline) throws InterruptedException {
        synchronized (finished) {
            while (finished.size() <= index) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                TimeUnit.NANOSECONDS.timedWait(finished, left);
            }
            return Optional.of(finished.get(index));
        }
    }
}
