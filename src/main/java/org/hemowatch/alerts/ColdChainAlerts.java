package org.hemowatch.alerts;

import org.hemowatch.domain.alert.Alert;
import org.hemowatch.domain.alert.AlertIntent;
import org.hemowatch.domain.alert.AlertKey;
import org.hemowatch.domain.alert.AlertKind;
import org.hemowatch.domain.alert.Severity;
import org.hemowatch.domain.coldchain.ColdChainEvent;
import org.hemowatch.domain.coldchain.DeviceState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Maps cold-chain events to alert intents (subject = device id):
 * <table>
 * <tr><th>event</th><th>intent</th></tr>
 * <tr><td>ExcursionStarted / ExcursionEnded</td><td>raise CRITICAL / clear EXCURSION</td></tr>
 * <tr><td>StateChanged to WARNING / from WARNING</td><td>raise WARNING / clear WARNING</td></tr>
 * <tr><td>SensorOffline / SensorOnline</td><td>raise WARNING / clear SENSOR_OFFLINE</td></tr>
 * <tr><td>DoorOpenTooLong / DoorClosed</td><td>raise WARNING / clear DOOR_OPEN</td></tr>
 * <tr><td>AgitatorStopped / AgitatorRunning</td><td>raise WARNING / clear AGITATOR_STOPPED</td></tr>
 * <tr><td>DeviceAlarm / DeviceAlarmCleared</td><td>DEVICE_STATUS listing the active codes; cleared when none is left</td></tr>
 * <tr><td>UnitOutOfStorage (timer)</td><td>raise WARNING OUT_OF_STORAGE, subject = the unit; a person resolves it</td></tr>
 * </table>
 * Pure: the active alerts are passed in (a device may have several alarm codes in one alert).
 */
public final class ColdChainAlerts {

    private ColdChainAlerts() {
    }

    /** Intents for one event; empty when the event calls for none. */
    public static List<AlertIntent> intentsFor(ColdChainEvent e, Function<AlertKey, Optional<Alert>> active) {
        String site = e.site();
        String device = e.device();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("device", device);
        d.put("at", e.at().toString());
        if (e instanceof ColdChainEvent.ExcursionStarted x) {
            d.put("excursionId", x.excursionId());
            d.put("tempC", x.tempC());
            d.put("reason", x.reason());
            d.put("since", x.start().toString());
            return raise(AlertKind.EXCURSION, site, device, Severity.CRITICAL,
                    "temperature excursion at " + device + ": " + fmt(x.tempC()) + " °C (" + x.reason() + ") since " + x.start(), d);
        }
        if (e instanceof ColdChainEvent.UnitOutOfStorage u) {
            d.put("unit", u.unit());
            d.put("since", u.leftAt().toString());
            d.put("limit", u.limit().toString());
            return raise(AlertKind.OUT_OF_STORAGE, site, u.unit(), Severity.WARNING, "unit " + u.unit() + " left at " + device
                    + " out of controlled storage since " + u.leftAt() + ", longer than its limit of "
                    + u.limit().toMinutes() + " min: quarantined, assess or discard it", d);
        }
        if (e instanceof ColdChainEvent.ExcursionEnded) {
            return clear(AlertKind.EXCURSION, site, device);
        }
        if (e instanceof ColdChainEvent.StateChanged s) {
            if (s.to() == DeviceState.WARNING && s.from() != DeviceState.WARNING) {
                d.put("tempC", s.tempC());
                return raise(AlertKind.WARNING, site, device, Severity.WARNING,
                        device + " is past a warning set point: " + fmt(s.tempC()) + " °C", d);
            }
            if (s.from() == DeviceState.WARNING && s.to() != DeviceState.WARNING) {
                return clear(AlertKind.WARNING, site, device);
            }
            return List.of();
        }
        if (e instanceof ColdChainEvent.SensorOffline o) {
            d.put("since", o.since().toString());
            d.put("cause", o.cause());
            return raise(AlertKind.SENSOR_OFFLINE, site, device, Severity.WARNING,
                    "sensor of " + device + " offline since " + o.since() + " (" + o.cause() + ")", d);
        }
        if (e instanceof ColdChainEvent.SensorOnline) {
            return clear(AlertKind.SENSOR_OFFLINE, site, device);
        }
        if (e instanceof ColdChainEvent.DoorOpenTooLong o) {
            d.put("since", o.openSince().toString());
            return raise(AlertKind.DOOR_OPEN, site, device, Severity.WARNING, "door of " + device + " open since " + o.openSince(), d);
        }
        if (e instanceof ColdChainEvent.DoorClosed) {
            return clear(AlertKind.DOOR_OPEN, site, device);
        }
        if (e instanceof ColdChainEvent.AgitatorStopped a) {
            d.put("since", a.stoppedSince().toString());
            return raise(AlertKind.AGITATOR_STOPPED, site, device, Severity.WARNING,
                    "agitator of " + device + " stopped since " + a.stoppedSince(), d);
        }
        if (e instanceof ColdChainEvent.AgitatorRunning) {
            return clear(AlertKind.AGITATOR_STOPPED, site, device);
        }
        if (e instanceof ColdChainEvent.DeviceAlarm a) {
            List<String> codes = codes(active.apply(new AlertKey(AlertKind.DEVICE_STATUS, site, device)));
            if (!codes.contains(a.code())) {
                codes.add(a.code());
            }
            return deviceStatus(site, device, codes, d);
        }
        if (e instanceof ColdChainEvent.DeviceAlarmCleared c) {
            List<String> codes = codes(active.apply(new AlertKey(AlertKind.DEVICE_STATUS, site, device)));
            codes.remove(c.code());
            return codes.isEmpty() ? clear(AlertKind.DEVICE_STATUS, site, device) : deviceStatus(site, device, codes, d);
        }
        return List.of();
    }

    private static List<AlertIntent> deviceStatus(String site, String device, List<String> codes, Map<String, Object> d) {
        d.remove("at"); // an alarm repeated by the device is no change
        d.put("codes", List.copyOf(codes));
        return raise(AlertKind.DEVICE_STATUS, site, device, Severity.WARNING,
                device + " reports " + String.join(", ", codes), d);
    }

    private static List<String> codes(Optional<Alert> current) {
        List<String> out = new ArrayList<>();
        current.map(a -> a.details().get("codes")).ifPresent(v -> {
            if (v instanceof List<?> l) {
                l.forEach(x -> out.add(String.valueOf(x)));
            }
        });
        return out;
    }

    private static List<AlertIntent> raise(AlertKind kind, String site, String subject, Severity s, String msg, Map<String, Object> d) {
        return List.of(new AlertIntent.Raise(new AlertKey(kind, site, subject), s, msg, d));
    }

    private static List<AlertIntent> clear(AlertKind kind, String site, String subject) {
        return List.of(new AlertIntent.Clear(new AlertKey(kind, site, subject)));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
