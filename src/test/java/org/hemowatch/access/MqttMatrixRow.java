package org.hemowatch.access;

import io.vertx.core.json.JsonObject;
import org.hemowatch.domain.DeviceStatusReport;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.Mosquitto;
import org.hemowatch.testing.RunningService;
import org.hemowatch.testing.ServiceState;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.hemowatch.testing.Labels.dinRead;

/**
 * Runs one row of {@code access/mqtt-matrix.csv} with the real mosquitto clients against the embedded
 * endpoint and says what happened, as the row's expected column names it: {@code connect-refused},
 * {@code granted} / {@code denied} (SUBACK), or for a publish {@code accepted} or the rejection rule
 * whose {@code hemowatch_mqtt_messages_rejected_total} rose. A QoS 1 publish is acknowledged only after
 * its commit or rejection, so the outcome is settled when mosquitto_pub exits.
 */
final class MqttMatrixRow {

    private static final Pattern SUBACK = Pattern.compile("Subscribed \\(mid: \\d+\\): (\\d+)");
    private static final String REJECTED = "hemowatch_mqtt_messages_rejected_total{reason=\"";

    /** What a row did: its outcome, and whether the device status listener saw a report. */
    record Result(String outcome, String output) {
    }

    private final RunningService service;
    private final Http http;
    private final String admin;
    private final List<DeviceStatusReport> statuses;
    private final AtomicLong seq = new AtomicLong(1000);

    MqttMatrixRow(RunningService service, Http http, String admin, List<DeviceStatusReport> statuses) {
        this.service = service;
        this.http = http;
        this.admin = admin;
        this.statuses = statuses;
    }

    /**
     * The topic (or filter) and the payload of a row; {@code din} is the unit of the target site.
     * Device keys connect as the id of the family (fridge-a1 or scan-a1), every other key as desk-a1.
     */
    Result run(String family, String role, String secret, String target, String device, String din) throws Exception {
        String t = target.toLowerCase();
        boolean own = device.equals("own");
        String fridge = own ? "fridge-a1" : "fridge-" + t + "2";
        String scanner = own ? "scan-a1" : "scan-" + t + "2";
        boolean scanning = family.startsWith("scan");
        String user = role.equals("device") ? (scanning ? "scan-a1" : "fridge-a1") : "desk-a1";
        long n = seq.incrementAndGet();
        String moveTo = "\"location\":\"fridge-" + t + (n % 2 + 1) + "\"";
        return switch (family) {
            case "readings" -> publish(user, secret, "hemowatch/v1/" + target + "/devices/" + fridge + "/readings",
                    "{\"seq\":" + n + ",\"tempC\":4.5}");
            case "status" -> publish(user, secret, "hemowatch/v1/" + target + "/devices/" + fridge + "/status",
                    "{\"seq\":" + n + ",\"status\":\"online\"}");
            case "scans" -> publish(user, secret, "hemowatch/v1/" + target + "/scanners/" + scanner + "/scans", move(n, din, moveTo));
            case "scans-of-unit-elsewhere" -> publish(user, secret, "hemowatch/v1/A/scanners/" + (own ? "scan-a1" : "scan-a2") + "/scans",
                    move(n, din, "\"location\":\"fridge-a" + (n % 2 + 1) + "\""));
            case "alerts" -> subscribe(user, secret, "hemowatch/v1/" + target + "/alerts/#");
            case "station-alerts" -> subscribe(user, secret, "hemowatch/v1/" + target + "/stations/" + (own ? "desk-a1" : "desk-" + t + "2") + "/alerts");
            case "device-errors" -> subscribe(user, secret, "hemowatch/v1/" + target + "/devices/" + fridge + "/errors");
            case "scanner-errors" -> subscribe(user, secret, "hemowatch/v1/" + target + "/scanners/" + scanner + "/errors");
            default -> throw new IllegalArgumentException("unknown topic family " + family);
        };
    }

    private static String move(long n, String din, String location) {
        return new JsonObject().put("seq", n).put("action", "MOVE").put("data", dinRead(din)).encode().replace("}", "," + location + "}");
    }

    private Result publish(String user, String secret, String topic, String payload) throws Exception {
        Map<String, Double> before = rejections();
        Mosquitto.Run r = Mosquitto.pub(service.service().mqtt().port(), user, secret, null, "-q", "1", "-t", topic, "-m", payload);
        if (r.exit() != 0) {
            return new Result(r.output().toLowerCase().contains("not authori") ? "connect-refused" : "failed", r.output());
        }
        Map<String, Double> after = rejections();
        String rose = after.entrySet().stream().filter(e -> e.getValue() > before.getOrDefault(e.getKey(), 0.0))
                .map(Map.Entry::getKey).reduce((a, b) -> a + "+" + b).orElse("accepted");
        return new Result(rose, r.output());
    }

    private Result subscribe(String user, String secret, String filter) throws Exception {
        Mosquitto.Run r = Mosquitto.subscribeOnce(service.service().mqtt().port(), user, secret, filter);
        Matcher m = SUBACK.matcher(r.output());
        if (m.find()) {
            return new Result(m.group(1).equals("128") ? "denied" : "granted", r.output());
        }
        return new Result(r.output().toLowerCase().contains("not authori") ? "connect-refused" : "failed", r.output());
    }

    /** Every {@code hemowatch_mqtt_messages_rejected_total} by reason. */
    private Map<String, Double> rejections() throws Exception {
        Map<String, Double> out = new HashMap<>();
        http.get("/metrics", admin).body().lines().filter(l -> l.startsWith(REJECTED)).forEach(l -> out.put(
                l.substring(REJECTED.length(), l.indexOf('"', REJECTED.length())), Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))));
        return out;
    }

    /** The stored state plus the status reports seen, for "a refused message changed nothing". */
    String state() {
        return ServiceState.stored(service) + "statuses=" + statuses.size();
    }
}
