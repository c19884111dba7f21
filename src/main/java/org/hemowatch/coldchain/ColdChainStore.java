package org.hemowatch.coldchain;

import org.hemowatch.domain.TemperatureReading;
import org.hemowatch.domain.coldchain.DeviceMonitorState;
import org.hemowatch.domain.coldchain.DeviceProfile;
import org.hemowatch.domain.coldchain.Excursion;
import org.hemowatch.store.Tx;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the cold chain keeps its state: device profiles and monitor snapshots by device key
 * ({@code site/device}), excursions by excursion id. Reads block (call them off the event loop).
 * Writes join the caller's transaction, so that a step's snapshots, excursions and quarantines, or a
 * device and its audit entry, commit together; what is written is encoded on the caller's thread
 * beforehand, since the writer thread is shared by every write of the service.
 */
public interface ColdChainStore {

    /** Every stored device profile, by device key. */
    Map<String, DeviceConfig> devices();

    /** One stored device profile (for following another instance's change). */
    Optional<DeviceConfig> device(String deviceKey);

    /** The stored monitor snapshot of one device (for following the owner's state on another instance). */
    Optional<DeviceMonitorState> monitor(String deviceKey);

    /** Tells the other instances, in {@code tx}, that the owner started or ended an excursion of the device. */
    void excursionChanged(Tx tx, String deviceKey) throws Exception;

    /** Every stored monitor snapshot, by device key. */
    Map<String, DeviceMonitorState> monitors();

    /** Stored readings of one device measured at or after {@code from}, in measurement order, paged (a takeover's replay). */
    List<TemperatureReading> readingsSince(String site, String device, Instant from, int limit, int offset);

    /** The stored excursions of one device (open and closed), oldest first. */
    List<Excursion> excursions(String site, String device);

    /** The JSON a device profile is stored as (also the detail of its audit entry). */
    String encode(DeviceProfile profile);

    /**
     * Stores an encoded device profile in {@code tx} over the version this instance last read or wrote,
     * telling the other instances of the change; throws a {@code concurrent-change} conflict (so the
     * transaction applies nothing) when another instance changed it since.
     */
    void putDevice(Tx tx, String deviceKey, String json, Instant at) throws Exception;

    /** Stores a device profile only if none is stored under its key (automatic registration); false when one was. */
    boolean addDevice(Tx tx, String deviceKey, String json, Instant at) throws Exception;

    /** Snapshots (by device key) and excursions encoded now; the returned write stores them in a transaction. */
    StepWrite encode(Map<String, DeviceMonitorState> monitors, Collection<Excursion> excursions);

    /** Encoded documents of one step. */
    interface StepWrite {
        /** True when there is nothing to write. */
        boolean isEmpty();

        void writeIn(Tx tx, Instant at) throws Exception;
    }
}
