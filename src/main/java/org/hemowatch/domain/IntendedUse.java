package org.hemowatch.domain;

import java.util.Optional;

/**
 * Who a collection may be transfused to, as ISBT 128 states it: the eight columns of ICCBBA ST-001
 * Table 4 (data structure 002), which the product code's type of collection (Table 7) can also
 * state. Every value but {@link #UNSPECIFIED} restricts the unit: it is not general stock.
 */
public enum IntendedUse {
    /** "Default: intended use not specified": general stock. */
    UNSPECIFIED(false, false, false, false),
    /** Directed (dedicated/designated) collection, use only for the named recipient. */
    DIRECTED(true, false, false, false),
    /** For emergency use only. */
    EMERGENCY_ONLY(false, false, false, false),
    /** Directed collection, biohazardous. */
    DIRECTED_BIOHAZARDOUS(true, false, true, false),
    /** Directed collection, eligible for crossover into general stock. */
    DIRECTED_CROSSOVER(true, false, false, true),
    /** Autologous collection, eligible for crossover into general stock. */
    AUTOLOGOUS_CROSSOVER(true, true, false, true),
    /** For autologous use only. */
    AUTOLOGOUS(true, true, false, false),
    /** For autologous use only, biohazardous. */
    AUTOLOGOUS_BIOHAZARDOUS(true, true, true, false),
    /**
     * Research collection (product code type of collection {@code R}/{@code r}, Table 7): not intended for human
     * application. Never from structure 002; the unit's use when its product code says so.
     */
    RESEARCH(false, false, false, false),
    /** Source collection for fractionation (type of collection {@code S}/{@code s}): not for transfusion. */
    SOURCE_PLASMA(false, false, false, false),
    /**
     * Volunteer therapeutic collection (type of collection {@code T}, Table 7): collected to treat the
     * donor; kept out of general stock until the site decides what it may be used for.
     */
    THERAPEUTIC(false, false, false, false),
    /**
     * The type of collection is carried in the special testing bar code (type {@code Q}, Table 7),
     * which was not read: restricted until it is, since it may state any restriction.
     */
    SEE_SPECIAL_TESTING(false, false, false, false);

    private final boolean namedRecipient;
    private final boolean autologous;
    private final boolean biohazardous;
    private final boolean crossoverEligible;

    IntendedUse(boolean namedRecipient, boolean autologous, boolean biohazardous, boolean crossoverEligible) {
        this.namedRecipient = namedRecipient;
        this.autologous = autologous;
        this.biohazardous = biohazardous;
        this.crossoverEligible = crossoverEligible;
    }

    /** Whether the unit must be kept out of general stock (every value but {@link #UNSPECIFIED}). */
    public boolean restricted() {
        return this != UNSPECIFIED;
    }

    /** Whether the unit is meant for one named recipient (directed or autologous): ISSUE must name them. */
    public boolean forNamedRecipient() {
        return namedRecipient;
    }

    /** Whether the recipient is the donor. */
    public boolean autologous() {
        return autologous;
    }

    /** Whether the label marks the unit biohazardous. */
    public boolean biohazardous() {
        return biohazardous;
    }

    /** Whether the unit may cross over into general stock (only when the site allows it). */
    public boolean crossoverEligible() {
        return crossoverEligible;
    }

    /** True for research and source collections: not for transfusion at all. */
    public boolean notForTransfusion() {
        return this == RESEARCH || this == SOURCE_PLASMA;
    }

    /**
     * Whether a unit of this use belongs to general stock: only {@link #UNSPECIFIED}, and the
     * crossover-eligible uses where the site allows crossover. See {@code GeneralStock}.
     */
    public boolean inGeneralStock(boolean crossoverAllowed) {
        return this == UNSPECIFIED || (crossoverAllowed && crossoverEligible);
    }

    public static Optional<IntendedUse> parse(String text) {
        return Enums.parse(IntendedUse.class, text);
    }
}
