package org.hemowatch.alerts;

import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.alert.AlertKind;
import org.hemowatch.domain.alert.AlertPolicy;
import org.hemowatch.domain.alert.Severity;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reminder and escalation policy of one alert kind under {@code alerts.policies.<kind>}; each
 * field is optional and keeps {@link AlertPolicy#defaults(AlertKind)} when left out.
 *
 * @param reminderInterval ISO-8601 duration ({@code PT30M}) or {@code off}
 * @param escalateAfter    ISO-8601 duration ({@code PT2H}) or {@code off}
 * @param ceiling          INFO, WARNING, CRITICAL or EMERGENCY
 */
public record PolicyConfig(String reminderInterval, String escalateAfter, String ceiling) {

    /** The policies of the kinds named in {@code config} (keys: kind topic or name), validated; messages name the key. */
    static Map<AlertKind, AlertPolicy> policies(Map<String, PolicyConfig> config) {
        Map<AlertKind, AlertPolicy> out = new EnumMap<>(AlertKind.class);
        config.forEach((name, p) -> {
            String key = "alerts.policies." + name;
            AlertKind kind = AlertKind.parse(name).orElseThrow(() -> new IllegalArgumentException(
                    key + ": unknown alert kind; use e.g. shortage, near-expiry, excursion"));
            if (out.containsKey(kind)) {
                throw new IllegalArgumentException(key + " names " + kind.topic() + " a second time");
            }
            AlertPolicy d = AlertPolicy.defaults(kind);
            if (p == null) {
                out.put(kind, d);
                return;
            }
            Duration reminder = p.reminderInterval == null ? d.reminderInterval() : optionalDuration(key + ".reminderInterval", p.reminderInterval);
            Duration escalate = p.escalateAfter == null ? d.escalateAfter() : optionalDuration(key + ".escalateAfter", p.escalateAfter);
            Severity ceiling = p.ceiling == null ? d.ceiling() : severity(key + ".ceiling", p.ceiling);
            out.put(kind, new AlertPolicy(reminder, escalate, ceiling));
        });
        return out;
    }

    /** Near-expiry windows per component code under {@code alerts.nearExpiry}, validated. */
    static Map<ComponentClass, Duration> windows(Map<String, String> config) {
        Map<ComponentClass, Duration> out = new EnumMap<>(ComponentClass.class);
        config.forEach((code, text) -> {
            String key = "alerts.nearExpiry." + code;
            ComponentClass c = ComponentClass.parse(code).orElseThrow(() ->
                    new IllegalArgumentException(key + ": unknown component; use RBC, PLT, FFP, CRYO, WB or GRAN"));
            if (out.containsKey(c)) {
                throw new IllegalArgumentException(key + " names " + c.code() + " a second time");
            }
            Duration d = duration(key, text);
            if (d == null) {
                throw new IllegalArgumentException(key + " must be a positive ISO-8601 duration like PT72H");
            }
            out.put(c, d);
        });
        return out;
    }

    static <V> Map<String, V> copy(Map<String, V> m) {
        return m == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    private static Duration optionalDuration(String key, String text) {
        if (text.trim().equalsIgnoreCase("off")) {
            return null;
        }
        Duration d = duration(key, text);
        if (d == null) {
            throw new IllegalArgumentException(key + " must be a positive ISO-8601 duration like PT30M, or off");
        }
        return d;
    }

    /** Null when blank, zero or negative. */
    private static Duration duration(String key, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            Duration d = Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            return d.isNegative() || d.isZero() ? null : d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be an ISO-8601 duration like PT72H or P7D but was '" + text + "'");
        }
    }

    private static Severity severity(String key, String text) {
        try {
            return Severity.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " must be INFO, WARNING, CRITICAL or EMERGENCY but was '" + text + "'");
        }
    }
}
