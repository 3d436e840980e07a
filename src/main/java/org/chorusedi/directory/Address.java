package org.chorusedi.directory;

/** A structure's postal address; every part is optional. {@link #NONE} is no address at all. */
public record Address(String line, String complement, String postalCode, String city, String countryCode) {

    public static final Address NONE = new Address(null, null, null, null, null);

    public boolean isNone() {
        return equals(NONE);
    }
}
