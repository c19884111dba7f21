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
     * <li>plasma and cryo: plasma compatibility (AB is universal), RhD does not matter;</li>
     * <li>platelets: plasma-compatible ABO groups; for an RhD-negative recipient all RhD-negative groups
     * come before any RhD-positive one.</li>
     * </ul>
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

    /** ABO groups whose plasma a recipient of {@code recipient} may receive, own group first. */
    private static List<Abo> plasmaDonors(Abo recipient) {
        return switch (recipient) {
            case O -> List.of(Abo.O, Abo.A, Abo.B, Abo.AB);
            case A -> List.of(Abo.A, Abo.AB);
            case B -> List.of(Abo.B, Abo.AB);
            case AB -> List.of(Abo.AB);
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
