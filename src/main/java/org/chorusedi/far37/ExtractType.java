package org.chorusedi.far37;

/** FULL: every structure of the directory; DELTA: the structures changed since the subscriber's previous extract. */
public enum ExtractType {
    FULL,
    DELTA
}
