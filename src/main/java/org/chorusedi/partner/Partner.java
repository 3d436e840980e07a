package org.chorusedi.partner;

/**
 * An EDI partner of the registry.
 *
 * @param code   the name of its drop folder, {@code in/<code>/} (see Folders.PARTNER_CODE)
 * @param active false once the partners file leaves it out or says so: it may send no new invoice
 */
public record Partner(String code, String name, boolean active) {
}
