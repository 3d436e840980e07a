package org.chorusedi.market;

import java.util.Optional;

/** The market registry as the invoice controls read it. */
public interface MarketLookup {

    /** No market at all: what a check without a root sees. */
    MarketLookup NONE = number -> Optional.empty();

    /** The market with that number, exactly as the markets file gives it. */
    Optional<Market> market(String number);
}
