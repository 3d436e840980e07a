package org.chorusedi.dume;

import java.util.List;
import java.util.Optional;

/**
 * What a DUME says, as its page shows it: the procedure and its buyer, for a response the economic operator, and
 * each criterion with its requirement groups and, for a response, the operator's answers.
 *
 * @param kind             a buyer's request or an operator's response
 * @param id               the document's identifier (cbc:ID)
 * @param uuid             its UUID (cbc:UUID), when it has one
 * @param issued           its issue date and time as written
 * @param version          the ESPD model's version (cbc:VersionID), when it says
 * @param procedure        the procurement procedure
 * @param buyer            the contracting body (cac:ContractingParty)
 * @param economicOperator for a response, who answers (cac:EconomicOperatorParty)
 * @param criteria         in the document's order
 */
public record Dume(Kind kind, String id, Optional<String> uuid, Optional<String> issued, Optional<String> version,
                   Procedure procedure, Party buyer, Optional<Party> economicOperator, List<Criterion> criteria) {

    public enum Kind { REQUEST, RESPONSE }

    /**
     * @param reference   the buyer's reference of the procedure (cbc:ContractFolderID)
     * @param title       the procurement project's name, or the title of the notice it refers to
     * @param description the project's description, or the notice's
     * @param code        the type of procedure (cbc:ProcedureCode)
     * @param notice      the notice the DUME refers to (a TED or BOAMP reference)
     * @param lots        the lots' identifiers
     */
    public record Procedure(Optional<String> reference, Optional<String> title, Optional<String> description,
                            Optional<String> code, Optional<String> notice, List<String> lots) {
    }

    /** A party as the page shows it: its name, identifiers, address and contact, each when given. */
    public record Party(Optional<String> name, List<String> identifiers, Optional<String> address, Optional<String> country,
                        Optional<String> website, Optional<String> contact) {
    }

    /**
     * @param family the ESPD's group of the criterion, from its type code
     * @param groups its requirement groups (cac:TenderingCriterionPropertyGroup), in order
     */
    public record Criterion(String id, String typeCode, Family family, Optional<String> name, Optional<String> description,
                            List<PropertyGroup> groups) {
    }

    /**
     * @param condition when the group applies (cbc:PropertyGroupTypeCode: ON* always, ONTRUE after a yes, ONFALSE after a no)
     */
    public record PropertyGroup(String id, Optional<String> condition, List<Property> properties, List<PropertyGroup> subgroups) {
    }

    /**
     * @param type     CAPTION, REQUIREMENT, QUESTION... (cbc:TypeCode)
     * @param expected what the buyer asks (a requirement's expected value)
     * @param answers  the operator's answers to it (a response), linked by the property's id
     */
    public record Property(String id, Optional<String> description, Optional<String> type, Optional<String> valueType,
                           Optional<String> expected, List<String> answers) {
    }

    /** The ESPD's groups of criteria, in the order its form shows them. */
    public enum Family { EXCLUSION, SELECTION, OTHER }
}
