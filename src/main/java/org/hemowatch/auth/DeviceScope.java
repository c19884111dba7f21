package org.hemowatch.auth;

import org.hemowatch.domain.Ids;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The device and scanner ids a principal speaks for. A device key names its ids explicitly; a site
 * gateway (an edge box forwarding many fridges) is the explicit choice {@code ["*"]}. Keys created
 * before device identity existed carry no list: they keep working as gateways and are flagged
 * ({@link #legacy()}) so an admin can replace them.
 *
 * @param ids     the ids spoken for (empty for a gateway or a non-device principal)
 * @param gateway true for {@code ["*"]}: every device of the principal's site
 * @param legacy  true when the gateway scope was not chosen but inherited by a key older than this model
 */
public record DeviceScope(Set<String> ids, boolean gateway, boolean legacy) {

    /** The wildcard that makes a device key a site gateway. */
    public static final String GATEWAY = "*";
    /** Most ids one key may name (beyond that, use a gateway key). */
    public static final int MAX_IDS = 256;

    /** Speaks for no device (admins, technicians, stations, hospitals). */
    public static final DeviceScope NONE = new DeviceScope(Set.of(), false, false);
    /** A site gateway chosen as such. */
    public static final DeviceScope ALL = new DeviceScope(Set.of(), true, false);
    /** A key created before device identity: works as a gateway, flagged. */
    public static final DeviceScope LEGACY = new DeviceScope(Set.of(), true, true);

    public DeviceScope {
        ids = Set.copyOf(ids);
        if (gateway && !ids.isEmpty()) {
            throw new IllegalArgumentException("a gateway scope names no single ids");
        }
    }

    /** True if this scope lets its holder speak for device or scanner {@code id}. */
    public boolean speaksFor(String id) {
        return gateway || (id != null && ids.contains(id));
    }

    /**
     * Parses the {@code devices} list of a key as given by an admin: {@code ["*"]} alone, or 1 to
     * {@link #MAX_IDS} ids of the shared id pattern ({@link Ids}). Throws {@link IllegalArgumentException}
     * saying what is wrong.
     */
    public static DeviceScope parse(Collection<?> given) {
        if (given == null || given.isEmpty()) {
            throw new IllegalArgumentException("'devices' must name the device or scanner ids the key speaks for, or [\"*\"] for a site gateway");
        }
        if (given.contains(GATEWAY)) {
            if (given.size() != 1) {
                throw new IllegalArgumentException("'devices' is either [\"*\"] (a site gateway) or a list of ids, not both");
            }
            return ALL;
        }
        if (given.size() > MAX_IDS) {
            throw new IllegalArgumentException("'devices' may name at most " + MAX_IDS + " ids; use [\"*\"] for a gateway");
        }
        Set<String> ids = new TreeSet<>();
        for (Object o : given) {
            if (!(o instanceof String s) || !Ids.valid(s)) {
                throw new IllegalArgumentException("'devices' entries must be ids: " + Ids.DESCRIPTION);
            }
            ids.add(s);
        }
        return new DeviceScope(ids, false, false);
    }

    /** How the scope is stored and shown: {@code ["*"]} for a gateway, the sorted ids otherwise, null for legacy. */
    public List<String> asList() {
        if (legacy) {
            return null;
        }
        return gateway ? List.of(GATEWAY) : List.copyOf(new TreeSet<>(ids));
    }

    /** The stored form (comma-separated; ids cannot contain commas) back to a scope; null is a legacy key. */
    public static DeviceScope fromStored(String stored) {
        if (stored == null) {
            return LEGACY;
        }
        if (stored.isEmpty()) {
            return NONE;
        }
        if (stored.equals(GATEWAY)) {
            return ALL;
        }
        return new DeviceScope(Set.of(stored.split(",")), false, false);
    }

    /** The stored form: {@code *}, comma-separated ids, empty for none, null for legacy. */
    public String toStored() {
        if (legacy) {
            return null;
        }
        return gateway ? GATEWAY : String.join(",", new TreeSet<>(ids));
    }
}
