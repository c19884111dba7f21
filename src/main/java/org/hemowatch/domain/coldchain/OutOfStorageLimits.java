package org.hemowatch.domain.coldchain;

import org.hemowatch.domain.ComponentClass;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * How long a unit of each component class may be out of controlled storage before it is quarantined
 * (and its ISSUE refused). Default: red cells and whole blood 30 minutes (JPAC Red Book; see
 * {@code docs/cold-chain.md}); the other classes are stored at room temperature or frozen and have
 * no such limit unless a site sets one.
 */
public final class OutOfStorageLimits {

    private final Map<ComponentClass, Duration> limits;

    public OutOfStorageLimits(Map<ComponentClass, Duration> limits) {
        this.limits = new EnumMap<>(ComponentClass.class);
        limits.forEach((c, d) -> {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("the limit of " + c.code() + " must be positive, got " + d);
            }
            this.limits.put(c, d);
        });
    }

    /** {@code redCells} for red cells and whole blood, nothing for the other classes. */
    public static OutOfStorageLimits redCells(Duration redCells) {
        return new OutOfStorageLimits(Map.of(ComponentClass.RED_CELLS, redCells, ComponentClass.WHOLE_BLOOD, redCells));
    }

    /** The limit of a class, empty when it has none. */
    public Optional<Duration> of(ComponentClass component) {
        return Optional.ofNullable(limits.get(component));
    }

    /** The same limits with one class set. */
    public OutOfStorageLimits with(ComponentClass component, Duration limit) {
        Map<ComponentClass, Duration> m = new EnumMap<>(ComponentClass.class);
        m.putAll(limits);
        m.put(component, limit);
        return new OutOfStorageLimits(m);
    }
}
