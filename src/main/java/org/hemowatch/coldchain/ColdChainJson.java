package org.hemowatch.coldchain;

import org.hemowatch.domain.coldchain.DeviceMonitorState;
import org.hemowatch.domain.coldchain.Excursion;
import org.hemowatch.json.JsonMappers;

/** JSON of the cold-chain documents (device profiles, monitor snapshots, excursions), with the snapshot mapper. */
final class ColdChainJson {

    private ColdChainJson() {
    }

    static String write(Object value) {
        return JsonMappers.writeSnapshot(value);
    }

    static <T> T read(String json, Class<T> type) {
        return JsonMappers.readSnapshot(json, type);
    }

    static DeviceMonitorState state(String json) {
        return read(json, DeviceMonitorState.class);
    }

    static Excursion excursion(String json) {
        return read(json, Excursion.class);
    }
}
