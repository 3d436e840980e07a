package org.chorusedi.intake;

import java.io.IOException;
import javax.xml.stream.XMLStreamException;
import org.apache.camel.CamelContext;

/**
 * One kind of flow taken from its decision to its publication, always in that order: decide, stage (its outputs and
 * acknowledgements, forced to disk), commit ({@link CommitPoint}), publish. Which pipeline runs a flow is
 * {@link FlowShapes}'s to say.
 */
interface FlowPipeline {

    /**
     * @param flow        a flow taken, numbered and not committed
     * @param publication its staging folder, emptied of what an earlier attempt staged
     * @param sniff       what a look at its file told
     * @param camel       the route's Camel context (null for a file that is not a regular one, never read)
     * @throws IOException, XMLStreamException when the flow could not be decided or committed: the route tries again
     * @throws UnprocessableFlow when reading the flow failed the engine itself: parked without retrying
     */
    void run(DroppedFlow flow, Publication publication, FlowSniff sniff, CamelContext camel)
            throws IOException, XMLStreamException, UnprocessableFlow;
}
