package org.chorusedi.validation;

import org.chorusedi.config.Configuration;

/**
 * What one XML document may hold that a parser or a validator would keep whole (docs/partners/limits.md),
 * each refused, past its limit, before it is held: with F11 in a flow, as the reason a directory file is
 * rejected in the directory.
 *
 * @param maxTextLength    characters of one text node below the root outside attachments (CDATA included),
 *                         one comment, one processing instruction, one DOCTYPE ({@code chorus.xml.max-text-length})
 * @param maxNameLength    characters of one name: element, attribute, entity, namespace prefix,
 *                         processing-instruction target ({@code chorus.xml.max-name-length})
 * @param maxDistinctNames distinct names in one document, a namespace URI counting one per
 *                         {@code maxNameLength} characters ({@code chorus.xml.max-distinct-names})
 */
public record XmlLimits(int maxTextLength, int maxNameLength, int maxDistinctNames) {

    public static XmlLimits read(Configuration c) {
        return new XmlLimits(c.count("chorus.xml.max-text-length", 1), c.count("chorus.xml.max-name-length", 1),
                c.count("chorus.xml.max-distinct-names", 1));
    }

    String overText(String what) {
        return what + " longer than " + maxTextLength + " characters (chorus.xml.max-text-length)";
    }

    String overName(String what) {
        return what + " longer than " + maxNameLength + " characters (chorus.xml.max-name-length)";
    }

    String overDistinctNames() {
        return "more than " + maxDistinctNames + " distinct names (chorus.xml.max-distinct-names)";
    }
}
