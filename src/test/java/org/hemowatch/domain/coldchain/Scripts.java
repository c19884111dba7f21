package org.hemowatch.domain.coldchain;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hemowatch.domain.DeviceStatusReport;
import org.hemowatch.domain.TemperatureReading;
import org.hemowatch.domain.TemperatureReading.AgitatorState;
import org.hemowatch.domain.TemperatureReading.DoorState;

/** Helpers for scripted tests: a fixed base instant, offsets like {@code 1h30m}, readings and profile overrides. */
final class Scripts {

    static final Instant T0 = Instant.parse("2025-01-06T08:00:00Z");
    static final String SITE = "site-a";
    static final String DEVICE = "fridge-1";

    private static final Pattern OFFSET = Pattern.compile("(-)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private Scripts() {
    }

    /** {@code 0}, {@code 90s}, {@code 5m}, {@code 1h5m}, {@code -2m} as a duration. */
    static Duration offset(String text) {
        String t = text.trim();
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = OFFSET.matcher(t);
        if (t.isEmpty() || !m.matches() || (m.group(2) == null && m.group(3) == null && m.group(4) == null)) {
            throw new IllegalArgumentException("not an offset: '" + text + "'");
        }
        Duration d = Duration.ofHours(num(m.group(2))).plusMinutes(num(m.group(3))).plusSeconds(num(m.group(4)));
        return m.group(1) != null ? d.negated() : d;
    }

    static boolean isOffset(String text) {
        try {
            offset(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static Instant at(String offset) {
        return T0.plus(offset(offset));
    }

    static TemperatureReading reading(String offset, double tempC) {
        return reading(SITE, DEVICE, at(offset), tempC, DoorState.UNKNOWN, AgitatorState.UNKNOWN);
    }

    static TemperatureReading reading(String site, String device, Instant at, double tempC, DoorState door,
                                      AgitatorState agitator) {
        return new TemperatureReading(site, device, -1, at, tempC, "air", door, agitator, "test");
    }

    static DeviceStatusReport status(String offset, String code) {
        return new DeviceStatusReport(SITE, DEVICE, -1, at(offset), code, "test");
    }

    /**
     * Applies {@code key=value} to a builder; temperatures accept {@code none} for null, durations use
     * offsets ({@code 30m}).
     */
    static DeviceProfile.Builder override(DeviceProfile.Builder b, String key, String value) {
        String v = value.trim();
        switch (key.trim()) {
            case "id" -> b.id(v);
            case "site" -> b.site(v);
            case "name" -> b.name(v);
            case "kind" -> b.kind(DeviceKind.parse(v).orElse(null));
            case "safeMin" -> b.safeMin(temp(v));
            case "safeMax" -> b.safeMax(temp(v));
            case "alarmLow" -> b.alarmLow(temp(v));
            case "alarmHigh" -> b.alarmHigh(temp(v));
            case "hardLow" -> b.hardLow(temp(v));
            case "hardHigh" -> b.hardHigh(temp(v));
            case "hysteresis" -> b.hysteresis(Double.parseDouble(v));
            case "excursionDelay" -> b.excursionDelay(duration(v));
            case "recoveryConfirmation" -> b.recoveryConfirmation(duration(v));
            case "expectedInterval" -> b.expectedInterval(duration(v));
            case "doorOpenLimit" -> b.doorOpenLimit(duration(v));
            case "agitationRequired" -> b.agitationRequired(Boolean.parseBoolean(v));
            case "agitationStopLimit" -> b.agitationStopLimit(duration(v));
            default -> throw new IllegalArgumentException("unknown profile key " + key);
        }
        return b;
    }

    /** The default profile of {@code kind} for {@link #SITE}/{@link #DEVICE}, then the {@code key=value} overrides. */
    static DeviceProfile profile(String kind, String... overrides) {
        DeviceProfile.Builder b = DeviceProfiles.defaults(DeviceKind.parse(kind).orElseThrow(), Region.US)
                .id(DEVICE).site(SITE).name("Test " + kind.toLowerCase(Locale.ROOT));
        for (String o : overrides) {
            if (o.isBlank()) {
                continue;
            }
            String[] kv = o.split("=", 2);
            override(b, kv[0], kv[1]);
        }
        return b.build();
    }

    private static Double temp(String v) {
        return v.equals("none") ? null : Double.valueOf(v);
    }

    private static Duration duration(String v) {
        return v.equals("none") ? null : offset(v);
    }

    private static long num(String g) {
        return g == null ? 0 : Long.parseLong(g);
    }
}
