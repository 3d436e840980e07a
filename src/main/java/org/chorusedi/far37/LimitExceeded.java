package org.chorusedi.far37;

import java.io.IOException;

/** A FAR37 file goes beyond one of the engine's limits: its reading stops there, and it is rejected. */
final class LimitExceeded extends IOException {

    LimitExceeded(String message) {
        super(message);
    }
}
