package org.hemowatch.domain.supply;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.Objects;

import org.hemowatch.domain.Abo;
import org.hemowatch.domain.BloodGroup;
import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.RhD;

/**
 * Chooses units to issue: issuable units of the site and component, the recipient's own group
 * first, then the substitutes in {@link CompatibilityTable} order; within one group the unit that
 * expires first goes first (FEFO), ties broken by unit key so the list is stable.
 */
public final class PickList {

    private final CompatibilityTable table;

    public PickList() {
        this(CompatibilityTable.standard());
    }

    public PickList(CompatibilityTable table) {
        this.table = Objects.requireNonNull(table, "table");
    }

    /**
     * Picks up to {@code count} units; fewer when not enough compatible units are issuable
     * (the caller sees the shortfall from the list's size).
     */
    public List<Pick> pick(Collection<BloodUnit> units, String site, ComponentClass component, BloodGroup recipient,
                           int count, Instant now) {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(now, "now");
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0 but was " + count);
        }
        List<BloodGroup> donors = table.donorsFor(component, recipient);
        Map<BloodGroup, List<BloodUnit>> byGroup = new HashMap<>();
        for (BloodUnit u : units) {
            if (u.site().equals(site) && u.component() == component && donors.contains(u.group())) {
                byGroup.computeIfAbsent(u.group(), g -> new ArrayList<>()).add(u);
            }
        }
        Comparator<BloodUnit> fefo = Comparator.comparing(BloodUnit::expires).thenComparing(u -> u.key().toString());
        byGroup.values().forEach(list -> list.sort(fefo));
        return pick(g -> byGroup.getOrDefault(g, List.of()), site, component, recipient, count, now);
    }

    /**
     * Picks up to {@code count} units from units already kept per group in FEFO order
     * ({@code fefo} gives the units of {@code site} and {@code component} of one group, e.g. an
     * index); reads only as many units as it returns, plus those it skips as not issuable.
     */
    public List<Pick> pick(Function<BloodGroup, Iterable<BloodUnit>> fefo, String site, ComponentClass component,
                           BloodGroup recipient, int count, Instant now) {
        Objects.requireNonNull(now, "now");
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0 but was " + count);
        }
        List<BloodGroup> donors = table.donorsFor(component, recipient);
        List<Pick> picks = new ArrayList<>(Math.min(count, 100));
        for (BloodGroup donor : donors) {
            for (BloodUnit u : fefo.apply(donor)) {
                if (picks.size() >= count) {
                    return picks;
                }
                if (u.site().equals(site) && u.component() == component && SupplyAssessor.issuable(u, now)) {
                    picks.add(new Pick(u, !u.group().equals(recipient), reason(u, component, recipient, donors)));
                }
            }
        }
        return picks;
    }

    private static String reason(BloodUnit u, ComponentClass component, BloodGroup recipient, List<BloodGroup> donors) {
        if (u.group().equals(recipient)) {
            return "same group " + recipient + ", first to expire (" + u.expires() + ")";
        }
        int choice = donors.indexOf(u.group());
        String r = u.group() + " for " + recipient + " recipient (substitute, choice " + choice + " of " + (donors.size() - 1)
                + "), first to expire (" + u.expires() + ")";
        if (component == ComponentClass.PLATELETS && recipient.rhd() == RhD.NEG && u.group().rhd() == RhD.POS) {
            r += "; RhD-positive platelets for an RhD-negative recipient: consider anti-D prophylaxis";
        }
        r += CompatibilityTable.condition(component, recipient, u.group()).map(c -> "; " + c).orElse("");
        return r;
    }

    /**
     * Picks for a recipient whose group is not known yet ({@link CompatibilityTable#donorsForUnknownGroup}), FEFO
     * within each group; every pick is a substitute and says why.
     */
    public List<Pick> pickUnknownGroup(Function<BloodGroup, Iterable<BloodUnit>> fefo, String site, ComponentClass component,
                                       int count, Instant now) {
        Objects.requireNonNull(now, "now");
        List<Pick> picks = new ArrayList<>();
        for (BloodGroup donor : table.donorsForUnknownGroup(component)) {
            for (BloodUnit u : fefo.apply(donor)) {
                if (picks.size() >= count) {
                    return picks;
                }
                if (u.site().equals(site) && u.component() == component && SupplyAssessor.issuable(u, now)) {
                    String why = "recipient group unknown: " + u.group() + " " + component.code()
                            + (component == ComponentClass.RED_CELLS && u.group().rhd() == RhD.POS
                                    ? " (not for girls and women of childbearing potential)" : "")
                            + (component != ComponentClass.RED_CELLS && u.group().abo() == Abo.A
                                    ? " (only if negative for high-titre anti-B)" : "")
                            + ", first to expire (" + u.expires() + ")";
                    picks.add(new Pick(u, true, why));
                }
            }
        }
        return picks;
    }

    public CompatibilityTable table() {
        return table;
    }
}
