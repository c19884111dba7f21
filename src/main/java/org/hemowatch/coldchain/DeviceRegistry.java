package org.hemowatch.coldchain;

import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.coldchain.DeviceProfile;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The registered storage devices (profiles by site and id). Thread-safe: the API and the admission
 * check read it on event loops, the unit rules on the writer thread.
 */
public final class DeviceRegistry {

    private final ConcurrentMap<String, DeviceProfile> devices = new ConcurrentHashMap<>();

    public Optional<DeviceProfile> find(String site, String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(devices.get(key(site, id)));
    }

    /** True if {@code location} at {@code site} is a registered device (controlled storage). */
    public boolean isDevice(String site, String location) {
        return location != null && devices.containsKey(key(site, location));
    }

    /**
     * True if {@code location} at {@code site} is controlled storage for {@code component}: a registered
     * device whose {@code holds} names the class. A room or bench (empty {@code holds}) is not: it keeps
     * nothing at its storage temperature.
     */
    public boolean isControlledStorage(String site, String location, ComponentClass component) {
        return find(site, location).map(d -> d.holds().contains(component)).orElse(false);
    }

    /** Registers or replaces a device. */
    public void put(DeviceProfile p) {
        devices.put(key(p.site(), p.id()), p);
    }

    /** Every device, by site then id. */
    public List<DeviceProfile> all() {
        return devices.values().stream()
                .sorted(Comparator.comparing(DeviceProfile::site).thenComparing(DeviceProfile::id))
                .toList();
    }

    /** The id of a device within the store's documents: {@code site/device}. */
    static String key(String site, String id) {
        return site + "/" + id;
    }
}
