package org.hemowatch.coldchain;

import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.coldchain.OutOfStorageLimits;
import org.hemowatch.domain.coldchain.Region;

import java.time.Duration;
import java.time.Period;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code coldChain} config section.
 *
 * @param devices            registered storage devices (API changes stored in the database override these by id)
 * @param unknownDevices     {@code reject} (default) or {@code register}: what happens to readings of a device
 *                           that is not registered
 * @param wrongDevice        {@code refuse} (default) or {@code warn}: storing a unit in a device that does not hold its component class
 * @param tick               how often the monitors check delays, silence, door and agitator (default PT10S)
 * @param outOfStorageLimit  red cells and whole blood out of controlled storage longer than this are quarantined when
 *                           placed, and not issued (default PT30M)
 * @param outOfStorageLimits per component class code ({@code RBC: PT30M}), over {@code outOfStorageLimit}; a class
 *                           without a limit is tracked but never judged
 * @param readingRetention   readings older than this are purged daily (default P400D; the readings are the inspection record)
 * @param region             whose storage rules the device defaults follow: {@code EU_UK} (default) or {@code US}; set
 *                           by the top-level {@code region} setting
 */
public record ColdChainConfig(
        List<DeviceConfig> devices,
        String unknownDevices,
        String wrongDevice,
        String tick,
        String outOfStorageLimit,
        String readingRetention,
        Map<String, String> outOfStorageLimits,
        String region) {

    public ColdChainConfig {
        String r = region == null ? Region.EU_UK.name() : region;
        region = Region.parse(r).map(Enum::name).orElseThrow(() -> new IllegalArgumentException(
                "region must be EU_UK or US, got '" + r + "'"));
        devices = devices == null ? List.of() : List.copyOf(devices);
        unknownDevices = choice("coldChain.unknownDevices", unknownDevices, "reject", "reject", "register");
        wrongDevice = choice("coldChain.wrongDevice", wrongDevice, "refuse", "refuse", "warn");
        tick = tick == null ? "PT10S" : tick;
        outOfStorageLimit = outOfStorageLimit == null ? "PT30M" : outOfStorageLimit;
        readingRetention = readingRetention == null ? "P400D" : readingRetention;
        positive("coldChain.tick", tick);
        positive("coldChain.outOfStorageLimit", outOfStorageLimit);
        positive("coldChain.readingRetention", readingRetention);
        outOfStorageLimits = outOfStorageLimits == null ? Map.of() : Map.copyOf(outOfStorageLimits);
        outOfStorageLimits.forEach((code, limit) -> {
            String key = "coldChain.outOfStorageLimits." + code;
            if (ComponentClass.parse(code).isEmpty()) {
                throw new IllegalArgumentException(key + ": not a component class (RBC, PLT, FFP, CRYO, WB, GRAN)");
            }
            positive(key, limit);
        });
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < devices.size(); i++) {
            DeviceConfig d = devices.get(i);
            try {
                d.toProfile("main", Region.valueOf(region));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("coldChain.devices[" + i + "]: " + e.getMessage(), e);
            }
            if (!seen.add((d.site() == null ? "" : d.site()) + "/" + d.id())) {
                throw new IllegalArgumentException("coldChain.devices[" + i + "]: device id '" + d.id() + "' is declared twice");
            }
        }
    }

    /** The defaults: no devices, reject unknown ones. */
    public static ColdChainConfig defaults() {
        return new ColdChainConfig(null, null, null, null, null, null, null, null);
    }

    /** The same section with the storage rules of {@code newRegion} (the top-level {@code region} setting). */
    public ColdChainConfig withRegion(String newRegion) {
        return new ColdChainConfig(devices, unknownDevices, wrongDevice, tick, outOfStorageLimit, readingRetention,
                outOfStorageLimits, newRegion);
    }

    public Region regionRules() {
        return Region.valueOf(region);
    }

    public boolean registerUnknown() {
        return "register".equals(unknownDevices);
    }

    public boolean warnOnWrongDevice() {
        return "warn".equals(wrongDevice);
    }

    public Duration tickInterval() {
        return parse(tick);
    }

    public Duration outOfStorage() {
        return parse(outOfStorageLimit);
    }

    /** The limits per component class: {@code outOfStorageLimit} for RBC and WB, then {@code outOfStorageLimits}. */
    public OutOfStorageLimits outOfStorageLimitsByClass() {
        OutOfStorageLimits limits = OutOfStorageLimits.redCells(outOfStorage());
        for (Map.Entry<String, String> e : outOfStorageLimits.entrySet()) {
            limits = limits.with(ComponentClass.parse(e.getKey()).orElseThrow(), parse(e.getValue()));
        }
        return limits;
    }

    public Duration retention() {
        return parse(readingRetention);
    }

    private static String choice(String key, String value, String def, String... allowed) {
        if (value == null) {
            return def;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (!List.of(allowed).contains(v)) {
            throw new IllegalArgumentException(key + " must be one of " + List.of(allowed) + ", got '" + value + "'");
        }
        return v;
    }

    private static void positive(String key, String text) {
        Duration d;
        try {
            d = parse(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + " must be an ISO-8601 duration like PT30M or P400D, got '" + text + "'");
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + " must be positive, got " + text);
        }
    }

    /** PT30M or P400D (days only: a period of months/years has no fixed length). */
    static Duration parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.contains("T")) {
            return Duration.parse(t);
        }
        Period p = Period.parse(t);
        if (p.getMonths() != 0 || p.getYears() != 0) {
            throw new IllegalArgumentException("use days, not months or years: " + text);
        }
        return Duration.ofDays(p.getDays());
    }
}
