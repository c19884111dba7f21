package org.hemowatch.coldchain;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hemowatch.domain.TemperatureReading;
import org.hemowatch.domain.coldchain.DeviceMonitorState;
import org.hemowatch.domain.coldchain.DeviceProfile;
import org.hemowatch.domain.coldchain.Excursion;
import org.hemowatch.domain.coldchain.ExcursionSummary;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The JSON (and CSV) of the cold-chain API's answers: devices, readings, excursions, summaries; Instants as ISO-8601 text. */
final class ColdChainApiJson {

    private ColdChainApiJson() {
    }

    /** A device with its profile and, when it is monitored, its state. */
    static JsonObject device(DeviceProfile d, Optional<DeviceMonitorState> state, Instant now) {
        JsonObject profile = JsonObject.mapFrom(DeviceConfig.of(d));
        JsonObject out = new JsonObject().put("id", d.id()).put("site", d.site()).put("name", d.name())
                .put("kind", d.kind().code()).put("profile", profile);
        DeviceMonitorState s = state.orElse(null);
        if (s != null) {
            out.put("state", s.state().name()).put("stateSince", iso(s.stateSince())).put("online", s.online())
                    .put("lastReading", s.lastReadingAt() == null ? null
                            : new JsonObject().put("at", iso(s.lastReadingAt())).put("tempC", s.lastTempC()))
                    .put("lastSeen", iso(s.lastSeenAt()))
                    .put("openExcursion", s.excursion() == null ? null : excursion(s.excursion(), now))
                    .put("activeAlarms", new JsonArray(List.copyOf(s.activeAlarms().keySet())));
        }
        return out;
    }

    /** Readings as CSV, one line per reading after the header. */
    static String readingsCsv(List<TemperatureReading> rs) {
        StringBuilder b = new StringBuilder("at,tempC,probe,door,agitator,seq,source,late\n");
        rs.forEach(r -> b.append(r.at()).append(',').append(r.tempC()).append(',').append(r.probe()).append(',')
                .append(r.door()).append(',').append(r.agitator()).append(',').append(r.seq()).append(',')
                .append(r.source() == null ? "" : r.source().replace(',', ' ')).append(',').append(r.late()).append('\n'));
        return b.toString();
    }

    static JsonObject excursion(Excursion x, Instant now) {
        return new JsonObject().put("id", x.id()).put("site", x.site()).put("device", x.device())
                .put("start", iso(x.start())).put("end", iso(x.end())).put("open", x.open())
                .put("durationSeconds", x.durationUntil(x.open() ? now : x.end()).getSeconds())
                .put("minC", x.minC()).put("maxC", x.maxC()).put("reason", x.reason());
    }

    static JsonObject summary(ExcursionSummary s) {
        double pct = s.percentInRange();
        return new JsonObject().put("site", s.site()).put("device", s.device()).put("from", iso(s.from())).put("to", iso(s.to()))
                .put("percentInRange", Double.isNaN(pct) ? null : pct)
                .put("percentOfPeriodInRange", s.percentOfPeriodInRange())
                .put("inRangeSeconds", s.inRange().getSeconds()).put("inWarningBandSeconds", s.inWarningBand().getSeconds())
                .put("outOfRangeSeconds", s.outOfRange().getSeconds()).put("noDataSeconds", s.noData().getSeconds())
                .put("warnings", s.warnings()).put("excursions", s.excursions())
                .put("minC", s.minC()).put("maxC", s.maxC())
                .put("longestExcursion", s.longestExcursion() == null ? null : excursion(s.longestExcursion(), s.to()))
                .put("longestExcursionSeconds", s.longestDuration() == null ? null : s.longestDuration().getSeconds());
    }

    static JsonObject reading(TemperatureReading r) {
        return new JsonObject().put("at", iso(r.at())).put("tempC", Double.isNaN(r.tempC()) ? null : r.tempC())
                .put("probe", r.probe()).put("door", r.door().name()).put("agitator", r.agitator().name())
                .put("seq", r.seq()).put("source", r.source()).put("late", r.late());
    }

    static String iso(Instant i) {
        return i == null ? null : i.toString();
    }
}
