package org.hemowatch.domain.supply;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.hemowatch.domain.Abo;
import org.hemowatch.domain.BloodGroup;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.RhD;

/**
 * For each component class and recipient group: the donor groups that may be issued, in order of
 * preference (the recipient's own group first, the last resort last). A group that is not listed
 * must not be issued. {@link #standard()} is the table in {@code docs/supply-and-alerts.md}; a site
 * may replace rows with {@link #with}.
 */
public final class CompatibilityTable {

    private static final List<Abo> ABO_ORDER = List.of(Abo.O, Abo.A, Abo.B, Abo.AB);

    private final Map<ComponentClass, Map<BloodGroup, List<BloodGroup>>> table;

    private CompatibilityTable(Map<ComponentClass, Map<BloodGroup, List<BloodGroup>>> table) {
        this.table = table;
    }

    /**
     * The standard table:
     * <ul>
     * <li>red cells and granulocytes: ABO/RhD red-cell compatibility, same RhD before RhD-negative, O- last;</li>
     * <li>whole blood: identical group only (it carries both red cells and plasma);</li>
     * <li>plasma and cryo (BSH 2018): own group, then plasma-compatible groups, then (high-titre negative only) A or B
     * plasma for an AB/B/A recipient; RhD does not matter;</li>
     * <li>platelets (BSH 2016): own group, plasma-compatible groups, then A, B or O high-titre negative; for an
     * RhD-negative recipient all RhD-negative groups come before any RhD-positive one.</li>
     * </ul>
     * Every row and its source is in {@code docs/supply-and-alerts.md}. A donor whose plasma carries an antibody
     * against the recipient's ABO antigens is listed with the condition {@link #condition}: only if negative for
     * high-titre anti-A/anti-B.
     */
    public static CompatibilityTable standard() {
        Map<ComponentClass, Map<BloodGroup, List<BloodGroup>>> t = new EnumMap<>(ComponentClass.class);
        Map<BloodGroup, List<BloodGroup>> redCells = redCells();
        t.put(ComponentClass.RED_CELLS, redCells);
        t.put(ComponentClass.GRANULOCYTES, redCells);
        Map<BloodGroup, List<BloodGroup>> identical = new LinkedHashMap<>();
        Map<BloodGroup, List<BloodGroup>> plasma = new LinkedHashMap<>();
        Map<BloodGroup, List<BloodGroup>> platelets = new LinkedHashMap<>();
        for (BloodGroup r : allGroups()) {
            identical.put(r, List.of(r));
            List<BloodGroup> p = new ArrayList<>();
            List<BloodGroup> plt = new ArrayList<>();
            List<BloodGroup> pltOtherRhd = new ArrayList<>();
            for (Abo donorAbo : plasmaDonors(r.abo())) {
                p.add(new BloodGroup(donorAbo, r.rhd()));
                p.add(new BloodGroup(donorAbo, other(r.rhd())));
            }
            for (Abo donorAbo : plateletDonors(r.abo())) {
                plt.add(new BloodGroup(donorAbo, r.rhd()));
                if (r.rhd() == RhD.POS) {
                    plt.add(new BloodGroup(donorAbo, RhD.NEG));
                } else {
                    pltOtherRhd.add(new BloodGroup(donorAbo, RhD.POS));
                }
            }
            plt.addAll(pltOtherRhd);
            plasma.put(r, List.copyOf(p));
            platelets.put(r, List.copyOf(plt));
        }
        t.put(ComponentClass.WHOLE_BLOOD, identical);
        t.put(ComponentClass.PLASMA, plasma);
        t.put(ComponentClass.CRYO, plasma);
        t.put(ComponentClass.PLATELETS, platelets);
        return new CompatibilityTable(freeze(t));
    }

    private static Map<BloodGroup, List<BloodGroup>> redCells() {
        Map<BloodGroup, List<BloodGroup>> m = new LinkedHashMap<>();
        m.put(g("O+"), gs("O+", "O-"));
        m.put(g("O-"), gs("O-"));
        m.put(g("A+"), gs("A+", "A-", "O+", "O-"));
        m.put(g("A-"), gs("A-", "O-"));
        m.put(g("B+"), gs("B+", "B-", "O+", "O-"));
        m.put(g("B-"), gs("B-", "O-"));
        m.put(g("AB+"), gs("AB+", "AB-", "A+", "A-", "B+", "B-", "O+", "O-"));
        m.put(g("AB-"), gs("AB-", "A-", "B-", "O-"));
        return m;
    }

    /**
     * ABO groups of plasma (FFP, cryo) for a recipient, own group first (BSH 2018, Table 3): compatible plasma,
     * then the high-titre-negative substitutes (group O plasma only for group O recipients).
     */
    private static List<Abo> plasmaDonors(Abo recipient) {
        return switch (recipient) {
            case O -> List.of(Abo.O, Abo.A, Abo.B, Abo.AB);
            case A -> List.of(Abo.A, Abo.AB, Abo.B);
            case B -> List.of(Abo.B, Abo.AB, Abo.A);
            case AB -> List.of(Abo.AB, Abo.A, Abo.B);
        };
    }

    /** ABO groups of platelets for a recipient, own group first (BSH 2016): O last, high-titre negative. */
    private static List<Abo> plateletDonors(Abo recipient) {
        return switch (recipient) {
            case O -> List.of(Abo.O, Abo.A, Abo.B, Abo.AB);
            case A -> List.of(Abo.A, Abo.AB, Abo.B, Abo.O);
            case B -> List.of(Abo.B, Abo.AB, Abo.A, Abo.O);
            case AB -> List.of(Abo.AB, Abo.A, Abo.B, Abo.O);
        };
    }

    /**
     * The condition on a listed donor group, if any: plasma-containing components (FFP, cryo, platelets) whose
     * donor plasma carries anti-A or anti-B against the recipient's antigens may only be given when tested
     * negative for high-titre anti-A/anti-B (BSH). Empty when the donor needs no condition.
     */
    public static java.util.Optional<String> condition(ComponentClass component, BloodGroup recipient, BloodGroup donor) {
        if (component != ComponentClass.PLASMA && component != ComponentClass.CRYO && component != ComponentClass.PLATELETS) {
            return java.util.Optional.empty();
        }
        boolean antiA = donor.abo() == Abo.O || donor.abo() == Abo.B;
        boolean antiB = donor.abo() == Abo.O || donor.abo() == Abo.A;
        boolean recipientA = recipient.abo() == Abo.A || recipient.abo() == Abo.AB;
        boolean recipientB = recipient.abo() == Abo.B || recipient.abo() == Abo.AB;
        if ((antiA && recipientA) || (antiB && recipientB)) {
            return java.util.Optional.of("only if negative for high-titre anti-A/anti-B (check the label)");
        }
        return java.util.Optional.empty();
    }

    /**
     * Donor groups for a recipient whose group is not known yet (emergency, BSH): red cells O RhD negative, then
     * O RhD positive (not for girls and women of childbearing potential); plasma, cryo and platelets group A
     * (high-titre anti-B negative), then AB; whole blood and granulocytes none.
     */
    public List<BloodGroup> donorsForUnknownGroup(ComponentClass component) {
        return switch (component) {
            case RED_CELLS -> gs("O-", "O+");
            case PLASMA, CRYO -> gs("A-", "A+", "AB-", "AB+");
            case PLATELETS -> gs("A-", "AB-", "A+", "AB+");
            case WHOLE_BLOOD, GRANULOCYTES -> List.of();
        };
    }

    /** The donor groups for a recipient, best first; empty when the table has no row. */
    public List<BloodGroup> donorsFor(ComponentClass component, BloodGroup recipient) {
        Map<BloodGroup, List<BloodGroup>> rows = table.get(component);
        return rows == null ? List.of() : rows.getOrDefault(recipient, List.of());
    }

    /** A copy with one row replaced. */
    public CompatibilityTable with(ComponentClass component, BloodGroup recipient, List<BloodGroup> donors) {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(recipient, "recipient");
        if (donors == null || donors.isEmpty()) {
            throw new IllegalArgumentException("donors for " + component.code() + " " + recipient + " must not be empty");
        }
        if (new HashSet<>(donors).size() != donors.size()) {
            throw new IllegalArgumentException("donors for " + component.code() + " " + recipient + " repeat a group: " + donors);
        }
        Map<ComponentClass, Map<BloodGroup, List<BloodGroup>>> t = new EnumMap<>(ComponentClass.class);
        table.forEach((c, rows) -> t.put(c, new LinkedHashMap<>(rows)));
        t.computeIfAbsent(component, c -> new LinkedHashMap<>()).put(recipient, List.copyOf(donors));
        return new CompatibilityTable(freeze(t));
    }

    /** The whole table, read-only. */
    public Map<ComponentClass, Map<BloodGroup, List<BloodGroup>>> asMap() {
        return table;
    }

    /** All eight groups in table order: O+, O-, A+, A-, B+, B-, AB+, AB-. */
    public static List<BloodGroup> allGroups() {
        List<BloodGroup> all = new ArrayList<>();
        for (Abo abo : ABO_ORDER) {
            all.add(new BloodGroup(abo, RhD.POS));
            all.add(new BloodGroup(abo, RhD.NEG));
        }
        return List.copyOf(all);
    }

    /** Parses {@code O-}, {@code AB+} and the like. */
    public static BloodGroup parseGroup(String label) {
        String t = label.trim();
        if (t.length() < 2) {
            throw new IllegalArgumentException("not a blood group: " + label);
        }
        Abo abo = Abo.parse(t.substring(0, t.length() - 1)).orElseThrow(() -> new IllegalArgumentException("not a blood group: " + label));
        RhD rhd = RhD.parse(t.substring(t.length() - 1)).orElseThrow(() -> new IllegalArgumentException("not a blood group: " + label));
        return new BloodGroup(abo, rhd);
    }

    private static RhD other(RhD rhd) {
        return rhd == RhD.POS ? RhD.NEG : RhD.POS;
    }

    private static BloodGroup g(String label) {
        return parseGroup(label);
    }

    private static List<BloodGroup> gs(String... labels) {
        return java.util.Arrays.stream(labels).map(CompatibilityTable::parseGroup).toList();
    }

    private static Map<ComponentClass, Map<BloodGroup, List<BloodGroup>>> freeze(Map<ComponentClass, Map<BloodGroup, List<BloodGroup>>> t) {
        Map<ComponentClass, Map<BloodGroup, List<BloodGroup>>> out = new EnumMap<>(ComponentClass.class);
        t.forEach((c, rows) -> out.put(c, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rows))));
        return java.util.Collections.unmodifiableMap(out);
    }
}
