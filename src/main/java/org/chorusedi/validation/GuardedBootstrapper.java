package org.chorusedi.validation;

import com.ctc.wstx.api.ReaderConfig;
import com.ctc.wstx.io.InputBootstrapper;
import com.ctc.wstx.io.StreamBootstrapper;
import java.io.IOException;
import java.io.Reader;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamException;

/**
 * Woodstox's own bootstrapper, which tells the encoding and reads the XML declaration, with the reader
 * it makes watched by a {@link MarkupGuard}: the guard sees the characters Woodstox parses, decoded
 * as Woodstox decodes them, whatever the encoding. What the stream reader asks of a bootstrapper once
 * it is made (the declaration's values, the encoding, where the content starts) is the wrapped one's.
 */
final class GuardedBootstrapper extends InputBootstrapper {

    private final StreamBootstrapper bootstrapper;
    private final XmlLimits limits;

    GuardedBootstrapper(StreamBootstrapper bootstrapper, XmlLimits limits) {
        super(null, bootstrapper.getSystemId());
        this.bootstrapper = bootstrapper;
        this.limits = limits;
    }

    @Override
    public Reader bootstrapInput(ReaderConfig config, boolean mainDocument, int xmlVersion) throws IOException, XMLStreamException {
        Reader reader = bootstrapper.bootstrapInput(config, mainDocument, xmlVersion);
        initFrom(bootstrapper);
        return new MarkupGuard(reader, limits, bootstrapper.getInputRow(), bootstrapper.getInputColumn() + 1);
    }

    @Override
    public int getInputTotal() {
        return bootstrapper.getInputTotal();
    }

    @Override
    public int getInputColumn() {
        return bootstrapper.getInputColumn();
    }

    @Override
    public String getInputEncoding() {
        return bootstrapper.getInputEncoding();
    }

    // Used only while the XML declaration is read, by the wrapped bootstrapper itself.

    @Override
    protected void pushback() {
        throw new UnsupportedOperationException();
    }

    @Override
    protected int getNext() {
        throw new UnsupportedOperationException();
    }

    @Override
    protected int getNextAfterWs(boolean required) {
        throw new UnsupportedOperationException();
    }

    @Override
    protected int checkKeyword(String expected) {
        throw new UnsupportedOperationException();
    }

    @Override
    protected int readQuotedValue(char[] buffer, int quote) {
        throw new UnsupportedOperationException();
    }

    @Override
    protected Location getLocation() {
        throw new UnsupportedOperationException();
    }
}
