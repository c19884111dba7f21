package org.hemowatch.coldchain;

import org.hemowatch.domain.TemperatureReading;
import org.hemowatch.domain.coldchain.DeviceMonitorState;
import org.hemowatch.domain.coldchain.DeviceProfile;
import org.hemowatch.domain.coldchain.Excursion;
import org.hemowatch.store.ChangeLog;
import org.hemowatch.store.Database;
import org.hemowatch.store.DocumentRecords;
import org.hemowatch.store.ReadingRecords;
import org.hemowatch.store.Tx;
import org.hemowatch.store.VersionedDocuments;
import org.hemowatch.domain.rule.RejectedException;
import org.hemowatch.domain.rule.Rejection;
import org.hemowatch.domain.rule.Rules;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cold chain's state in the {@code documents} table: collections {@value #DEVICES} and
 * {@value #MONITORS} by device key, {@value #EXCURSIONS} by excursion id (which starts with
 * {@code site/device@}, so one device's excursions are one id-prefix query).
 */
public final class DocumentColdChainStore implements ColdChainStore {

    static final String DEVICES = "devices";
    static final String MONITORS = "device-monitor";
    static final String EXCURSIONS = "excursions";

    private final Database database;
    private final ChangeLog changes;
    private final VersionedDocuments devices = new VersionedDocuments(DEVICES);

    public DocumentColdChainStore(Database database, ChangeLog changes) {
        this.database = database;
        this.changes = changes;
    }

    @Override
    public Map<String, DeviceConfig> devices() {
        Map<String, DeviceConfig> out = new LinkedHashMap<>();
        database.read(devices::all).forEach((key, json) -> out.put(key, ColdChainJson.read(json, DeviceConfig.class)));
        return out;
    }

    @Override
    public Optional<DeviceConfig> device(String deviceKey) {
        return database.read(c -> devices.get(c, deviceKey)).map(json -> ColdChainJson.read(json, DeviceConfig.class));
    }

    @Override
    public Map<String, DeviceMonitorState> monitors() {
        Map<String, DeviceMonitorState> out = new LinkedHashMap<>();
        database.read(c -> DocumentRecords.all(c, MONITORS)).forEach((key, json) -> out.put(key, ColdChainJson.state(json)));
        return out;
    }

    @Override
    public Optional<DeviceMonitorState> monitor(String deviceKey) {
        return database.read(c -> DocumentRecords.get(c, MONITORS, deviceKey)).map(ColdChainJson::state);
    }

    @Override
    public void excursionChanged(Tx tx, String deviceKey) throws Exception {
        changes.record(tx, ChangeLog.Kind.MONITOR, deviceKey);
    }

    @Override
    public List<TemperatureReading> readingsSince(String site, String device, Instant from, int limit, int offset) {
        return database.read(c -> ReadingRecords.range(c, site, device, from, Instant.ofEpochMilli(Long.MAX_VALUE), limit, offset));
    }

    @Override
    public List<Excursion> excursions(String site, String device) {
        String prefix = DeviceRegistry.key(site, device) + "@";
        return database.read(c -> DocumentRecords.withIdPrefix(c, EXCURSIONS, prefix)).values().stream()
                .map(ColdChainJson::excursion)
                .sorted(Comparator.comparing(Excursion::start))
                .toList();
    }

    @Override
    public String encode(DeviceProfile profile) {
        return ColdChainJson.write(DeviceConfig.of(profile));
    }

    @Override
    public void putDevice(Tx tx, String deviceKey, String json, Instant at) throws Exception {
        if (!devices.write(tx, deviceKey, json, at)) {
            throw new RejectedException(Rejection.conflict(Rules.CONCURRENT_CHANGE, "device " + deviceKey
                    + " was changed by another instance at the same moment; nothing was applied, look at it again"));
        }
        changes.record(tx, ChangeLog.Kind.DEVICE, deviceKey);
    }

    @Override
    public boolean addDevice(Tx tx, String deviceKey, String json, Instant at) throws Exception {
        boolean added = devices.add(tx, deviceKey, json, at);
        if (added) {
            changes.record(tx, ChangeLog.Kind.DEVICE, deviceKey);
        }
        return added;
    }

    @Override
    public StepWrite encode(Map<String, DeviceMonitorState> monitors, Collection<Excursion> excursions) {
        Map<String, String> monitorDocs = new LinkedHashMap<>();
        monitors.forEach((key, state) -> monitorDocs.put(key, ColdChainJson.write(state)));
        Map<String, String> excursionDocs = new LinkedHashMap<>();
        for (Excursion x : excursions) {
            excursionDocs.put(x.id(), ColdChainJson.write(x));
        }
        return new StepWrite() {
            @Override
            public boolean isEmpty() {
                return monitorDocs.isEmpty() && excursionDocs.isEmpty();
            }

            @Override
            public void writeIn(Tx tx, Instant at) throws Exception {
                for (Map.Entry<String, String> e : monitorDocs.entrySet()) {
                    DocumentRecords.put(tx, MONITORS, e.getKey(), e.getValue(), at);
                }
                for (Map.Entry<String, String> e : excursionDocs.entrySet()) {
                    DocumentRecords.put(tx, EXCURSIONS, e.getKey(), e.getValue(), at);
                }
            }
        };
    }
}
