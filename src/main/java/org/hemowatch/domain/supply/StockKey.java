package org.hemowatch.domain.supply;

import java.util.Comparator;
import java.util.Objects;

import org.hemowatch.domain.BloodGroup;
import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.ComponentClass;

/** What supply is counted per: a site, a component class and an ABO/RhD group. */
public record StockKey(String site, ComponentClass component, BloodGroup group) implements Comparable<StockKey> {

    private static final Comparator<StockKey> ORDER = Comparator.comparing(StockKey::site)
            .thenComparing(StockKey::component)
            .thenComparing(k -> k.group().abo())
            .thenComparing(k -> k.group().rhd());

    public StockKey {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(group, "group");
    }

    /** The key a unit counts towards (its current site). */
    public static StockKey of(BloodUnit unit) {
        return new StockKey(unit.site(), unit.component(), unit.group());
    }

    /** Alert subject and metric label, e.g. {@code RBC/O-}. */
    public String subject() {
        return component.code() + "/" + group.label();
    }

    @Override
    public int compareTo(StockKey o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return site + ":" + subject();
    }
}
