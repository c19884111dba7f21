package org.hemowatch.isbt128;

import java.util.Optional;
import org.hemowatch.domain.IntendedUse;

/**
 * The type of collection in the 6th position of a product code: ICCBBA ST-001 v6.2.2 Table 7
 * [RT008], every row. The character is case-sensitive ({@code R} volunteer research, {@code r}
 * paid research).
 *
 * <p>{@link #intendedUse()} is the Table 4 column that says the same thing, when there is one;
 * {@link #forTransfusion()} is false for research and source collections (not for human
 * application / for fractionation). The mapping is Hemowatch's reading of the two tables and is
 * written out in {@code docs/isbt128.md}.
 */
public enum CollectionType {
    NOT_SPECIFIED('0', "Not specified (null value)", IntendedUse.UNSPECIFIED, true),
    VOLUNTEER_ALLOGENEIC('V', "Volunteer homologous (allogeneic) (default)", IntendedUse.UNSPECIFIED, true),
    VOLUNTEER_RESEARCH('R', "Volunteer research (product not intended for human application)", null, false),
    VOLUNTEER_SOURCE('S', "Volunteer source", null, false),
    VOLUNTEER_THERAPEUTIC('T', "Volunteer therapeutic", null, true),
    PAID_ALLOGENEIC('P', "Paid homologous (allogeneic)", IntendedUse.UNSPECIFIED, true),
    PAID_RESEARCH('r', "Paid research (product not intended for human application)", null, false),
    PAID_SOURCE('s', "Paid source", null, false),
    AUTOLOGOUS_CROSSOVER('A', "Autologous, eligible for crossover", IntendedUse.AUTOLOGOUS_CROSSOVER, true),
    AUTOLOGOUS_ONLY('1', "For autologous use only", IntendedUse.AUTOLOGOUS, true),
    AUTOLOGOUS_BIOHAZARD('X', "For autologous use only, biohazard", IntendedUse.AUTOLOGOUS_BIOHAZARDOUS, true),
    VOLUNTEER_DIRECTED_CROSSOVER('D', "Volunteer directed, eligible for crossover", IntendedUse.DIRECTED_CROSSOVER, true),
    PAID_DIRECTED_CROSSOVER('d', "Paid directed, eligible for crossover", IntendedUse.DIRECTED_CROSSOVER, true),
    DIRECTED_ONLY('2', "For directed recipient use only", IntendedUse.DIRECTED, true),
    DIRECTED_LIMITED_EXPOSURE('L', "For directed recipient use only, limited exposure", IntendedUse.DIRECTED, true),
    MEDICAL_EXCEPTION('E', "Medical exception, for specified recipient only (allogeneic)", IntendedUse.DIRECTED, true),
    SEE_SPECIAL_TESTING('Q', "See (i.e., read [scan]) Special Testing bar code", null, true),
    DIRECTED_BIOHAZARD('3', "For directed recipient use only, biohazard", IntendedUse.DIRECTED_BIOHAZARDOUS, true),
    DESIGNATED('4', "Designated", IntendedUse.DIRECTED, true),
    DEDICATED('5', "Dedicated", IntendedUse.DIRECTED, true),
    DESIGNATED_BIOHAZARD('6', "Designated, biohazard", IntendedUse.DIRECTED_BIOHAZARDOUS, true),
    FAMILY_RESERVED('F', "Family reserved", IntendedUse.DIRECTED, true),
    REPLACEMENT('C', "Replacement", IntendedUse.UNSPECIFIED, true),
    ALLOGENEIC('7', "For allogeneic use", IntendedUse.UNSPECIFIED, true),
    AUTOLOGOUS_WITH_ALLOGENEIC('8', "For autologous use, contains allogeneic material", IntendedUse.AUTOLOGOUS, true),
    DIRECTED_COLLECTION('B', "Directed/dedicated/designated collection use only", IntendedUse.DIRECTED, true),
    DIRECTED_COLLECTION_BIOHAZARDOUS('H', "Directed/dedicated/designated collection/biohazardous",
            IntendedUse.DIRECTED_BIOHAZARDOUS, true),
    DIRECTED_COLLECTION_CROSSOVER('J', "Directed/dedicated/designated collection/eligible for crossover",
            IntendedUse.DIRECTED_CROSSOVER, true),
    EMERGENCY_ONLY('G', "For emergency use only", IntendedUse.EMERGENCY_ONLY, true);

    private final char code;
    private final String description;
    private final IntendedUse intendedUse;
    private final boolean forTransfusion;

    CollectionType(char code, String description, IntendedUse intendedUse, boolean forTransfusion) {
        this.code = code;
        this.description = description;
        this.intendedUse = intendedUse;
        this.forTransfusion = forTransfusion;
    }

    /** The character as it appears on the label, case kept. */
    public char code() {
        return code;
    }

    /** The meaning in the words of Table 7. */
    public String description() {
        return description;
    }

    /**
     * The Table 4 intended use this type states; empty for research, source, therapeutic and
     * "see special testing" collections, which have no Table 4 column.
     */
    public Optional<IntendedUse> intendedUse() {
        return Optional.ofNullable(intendedUse);
    }

    /** False for research and source collections: not for transfusion at all. */
    public boolean forTransfusion() {
        return forTransfusion;
    }

    /**
     * Whether the unit must be kept out of general stock: a restricted intended use, not for
     * transfusion, therapeutic, or its type is in another barcode ({@code Q}).
     */
    public boolean restricted() {
        return intendedUse == null || intendedUse.restricted() || !forTransfusion;
    }

    /** The type of collection written {@code c}, or empty if Table 7 has no such character. */
    public static Optional<CollectionType> of(char c) {
        for (CollectionType t : values()) {
            if (t.code == c) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
